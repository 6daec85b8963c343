using Kakunin.Store;

namespace Kakunin.Tracking;

/// <summary>
/// <c>store.TrackingQueries</c>: the read side of tracking reached from the store it reads, as before tracking moved
/// out of Kakunin.Store (the store cannot name a type of a project above it, so this is an extension).
/// </summary>
public static class StoreTracking
{
    extension(KakuninStore store)
    {
        /// <summary>The read side of tracking: summaries, a message's tab, the Tracking page, and by queue id.</summary>
        public TrackingQueries TrackingQueries => new(store);
    }
}

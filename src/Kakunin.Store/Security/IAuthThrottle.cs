using System.Net;

namespace Kakunin.Store.Security;

/// <summary>
/// The sign-in throttle as <see cref="PasswordSignIn"/> asks it (docs/security.md): one set of rules, kept either in
/// this process's memory (<see cref="AuthThrottle"/>, SQLite: one process per data folder) or in the database, shared
/// by every node (<see cref="DatabaseAuthThrottle"/>, PostgreSQL: docs/postgresql.md). <see cref="AuthThrottle.ForStore"/>
/// picks one.
/// </summary>
public interface IAuthThrottle
{
    /// <summary>Whether an attempt on <paramref name="account"/> from <paramref name="client"/> may be checked now.</summary>
    ValueTask<AuthThrottleVerdict> CheckAsync(string account, IPAddress? client, CancellationToken cancellationToken);

    /// <summary>Records a wrong password (or unknown account); returns how long to wait before answering.</summary>
    ValueTask<AuthFailure> RecordFailureAsync(string account, IPAddress? client, CancellationToken cancellationToken);

    /// <summary>Records a right password: the account's failures are forgotten (the address's are not).</summary>
    ValueTask RecordSuccessAsync(string account, CancellationToken cancellationToken);
}

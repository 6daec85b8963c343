namespace Kakunin.Web;

/// <summary>Placeholder for the host that wires SMTP listeners, the queue and the web endpoints together.</summary>
public static class KakuninHost;

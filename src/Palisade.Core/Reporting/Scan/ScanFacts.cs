using Palisade.Connectivity;

namespace Palisade.Reporting.Scan;

/// <summary>Figures derived from the connectivity report that every scan format shows.</summary>
public static class ScanFacts
{
    /// <summary>Connection lines in all, between namespaces (or with the outside), and allowing every port and protocol.</summary>
    public static (int Total, int CrossNamespace, int Unrestricted) Connections(ConnectivityReport report)
    {
        var cross = 0;
        var unrestricted = 0;
        foreach (var connection in report.Connections)
        {
            if (connection.Source.Namespace != connection.Destination.Namespace)
                cross++;
            if (connection.Connections.IsAll)
                unrestricted++;
        }
        return (report.Connections.Count, cross, unrestricted);
    }

    /// <summary>A count with its noun, singular for one ("1 namespace", "3 Services").</summary>
    public static string Count(int n, string one, string many) =>
        $"{n.ToString(System.Globalization.CultureInfo.InvariantCulture)} {(n == 1 ? one : many)}";
}

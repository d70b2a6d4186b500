namespace Palisade.Findings;

/// <summary>How bad a finding is, in increasing order; the names are the CLI's <c>--fail-on</c> values.</summary>
public enum Severity
{
    /// <summary>Worth knowing; not a weakness by itself.</summary>
    Info,

    /// <summary>A weakness with little impact alone.</summary>
    Low,

    /// <summary>A weakness an attacker can use once inside.</summary>
    Medium,

    /// <summary>A weakness that opens a path in or across the cluster.</summary>
    High,

    /// <summary>A weakness that hands over the cluster or its network controls.</summary>
    Critical,
}

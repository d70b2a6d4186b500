namespace Palisade.Connectivity.Diff;

/// <summary>What a CI gate on a diff fails on.</summary>
public enum DiffGate
{
    /// <summary>Some pair gains a protocol or port it did not have: new or wider access.</summary>
    Added,

    /// <summary>Some pair is added or changed.</summary>
    Changed,

    /// <summary>Any difference.</summary>
    Any,
}

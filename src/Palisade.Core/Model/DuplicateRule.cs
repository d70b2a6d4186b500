namespace Palisade.Model;

/// <summary>What to do with an object declared twice (the same kind, namespace and name).</summary>
public enum DuplicateRule
{
    /// <summary>Bad input, naming both declarations: an answer would depend on the order of the files.</summary>
    Reject,

    /// <summary>Keep the later declaration, as applying both would, and record the pair (PAL209 reports it).</summary>
    KeepLater,
}

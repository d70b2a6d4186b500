namespace Palisade.Cli;

/// <summary>The exit codes of the contract in PRODUCT.md, plus one for our own bugs.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>The check found what <c>--fail-on</c> asked to fail on.</summary>
    public const int Failed = 1;

    /// <summary>Bad usage or bad input.</summary>
    public const int BadInput = 2;

    /// <summary>An internal error (a bug in Palisade), reported without a stack trace unless -v.</summary>
    public const int InternalError = 70;
}

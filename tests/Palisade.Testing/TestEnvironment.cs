namespace Palisade.Testing;

/// <summary>What tests do when something they need from outside the repository is missing.</summary>
public static class TestEnvironment
{
    /// <summary>Whether this is a CI run (<c>CI=true</c>), where nothing may be skipped.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Fails the test with the message in CI, skips it elsewhere.</summary>
    public static void Unavailable(string message)
    {
        if (IsCi)
            Assert.Fail(message);
        Assert.Skip(message);
    }
}

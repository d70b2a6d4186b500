using System.Security.Cryptography;
using System.Text;

namespace Palisade.Server.Auth;

/// <summary>
/// The bearer tokens of <c>--token-file</c>: one a line, <c>TOKEN</c> or <c>TOKEN,USER</c>; blank lines and <c>#</c>
/// comments are skipped. Tokens are compared in constant time. Immutable and thread-safe.
/// </summary>
public sealed class StaticTokens
{
    private readonly (byte[] Token, string User)[] _tokens;

    private StaticTokens((byte[], string)[] tokens) => _tokens = tokens;

    /// <summary>Reads the file; <see cref="InvalidInputException"/> when it holds no token.</summary>
    public static StaticTokens Load(string path)
    {
        var tokens = new List<(byte[], string)>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
                continue;
            var parts = text.Split(',', 2, StringSplitOptions.TrimEntries);
            if (parts[0].Length < 16)
                throw new InvalidInputException(new SourceLocation(path, number), null, "--token-file", "a token must be at least 16 characters");
            tokens.Add((Encoding.UTF8.GetBytes(parts[0]), parts.Length > 1 && parts[1].Length > 0 ? parts[1] : $"token-{number}"));
        }
        if (tokens.Count == 0)
            throw new InvalidInputException(new SourceLocation(path), null, "--token-file", "holds no token");
        return new StaticTokens([.. tokens]);
    }

    /// <summary>The user of the token, or null.</summary>
    public string? UserOf(string token)
    {
        var given = Encoding.UTF8.GetBytes(token);
        string? user = null;
        foreach (var (known, name) in _tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(known, given))
                user = name;
        }
        return user;
    }
}

using System.Text.Json.Nodes;

namespace Palisade.Testing.FakeApi;

/// <summary>What the fake API server does instead of (or before) answering a request.</summary>
public sealed record FakeFault
{
    private FakeFault(FakeFaultKind kind, TimeSpan delay = default, JsonObject? status = null)
    {
        Kind = kind;
        Delay = delay;
        Status = status;
    }

    public FakeFaultKind Kind { get; }

    /// <summary>For <see cref="FakeFaultKind.Slow"/>: how long the answer waits.</summary>
    public TimeSpan Delay { get; }

    /// <summary>For <see cref="FakeFaultKind.Fail"/>: the Status body, whose <c>code</c> is the HTTP status.</summary>
    public JsonObject? Status { get; }

    /// <summary>Answers normally after waiting (a client timeout shorter than this sees a hung server).</summary>
    public static FakeFault Slow(TimeSpan delay) => new(FakeFaultKind.Slow, delay);

    /// <summary>Closes the connection without a response.</summary>
    public static FakeFault Drop() => new(FakeFaultKind.Drop);

    /// <summary>Sends the headers and half the body, then closes the connection.</summary>
    public static FakeFault DropMidBody() => new(FakeFaultKind.DropMidBody);

    /// <summary>Answers with this Status instead (see <see cref="KubeStatus"/>).</summary>
    public static FakeFault Fail(JsonObject status) => new(FakeFaultKind.Fail, status: status);

    /// <summary>A continue token the server no longer honours: 410 Expired.</summary>
    public static FakeFault ExpiredContinue() => Fail(KubeStatus.ContinueExpired());
}

/// <summary>The kinds of <see cref="FakeFault"/>.</summary>
public enum FakeFaultKind
{
    Slow,
    Drop,
    DropMidBody,
    Fail,
}

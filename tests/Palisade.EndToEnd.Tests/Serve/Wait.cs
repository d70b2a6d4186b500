namespace Palisade.EndToEnd.Tests.Serve;

/// <summary>
/// Waiting for the service to see what the real server did (its watches lag by milliseconds to seconds): a condition asked
/// every 100 ms until it holds, failing with what was awaited after the time given.
/// </summary>
internal static class Wait
{
    public static async Task Until(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {seconds} s: {what}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public static Task Until(Func<bool> condition, string what, int seconds = 60) => Until(() => Task.FromResult(condition()), what, seconds);
}

namespace Palisade.Server;

/// <summary>One event of a feed: its id (sent as the server-sent event's <c>id:</c>, growing) and its JSON.</summary>
public readonly record struct FeedEvent(long Id, string Json);

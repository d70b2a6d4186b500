using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// Replays a slice of buffered parsing events, so one object of a file can be deserialised into its model
/// type while its marks still point into the original file.
/// </summary>
internal sealed class EventReplayParser(IReadOnlyList<ParsingEvent> events, int start, int end) : IParser
{
    private int _position = start - 1;

    public ParsingEvent? Current => _position >= start && _position < end ? events[_position] : null;

    public bool MoveNext()
    {
        if (_position < end)
            _position++;
        return _position < end;
    }
}

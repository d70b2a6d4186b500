using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// Refuses a mapping or a list where the model takes a number, a boolean or a time: YamlDotNet would build the value
/// from a mapping's (ignored) fields and read 0, and fail on a list in .NET's terms.
/// </summary>
internal sealed class CollectionForScalar : INodeDeserializer
{
    public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
    {
        value = null;
        var type = Nullable.GetUnderlyingType(expectedType) ?? expectedType;
        if (!type.IsPrimitive && type != typeof(DateTime) && type != typeof(decimal))
            return false;
        if (reader.Current is not (MappingStart or SequenceStart))
            return false;
        throw new YamlException(reader.Current.Start, reader.Current.End, QuotedNumbers.IsInteger(type) ? "expected an integer"
            : type == typeof(bool) ? "expected true or false"
            : "expected a single value");
    }
}

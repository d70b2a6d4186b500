using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Palisade.Kubernetes.Manifests.Schema;

/// <summary>
/// The shape of a client model type as YamlDotNet deserialises into it: its properties by YAML name (the JSON
/// name, as <see cref="ModelDeserializer"/> configures it), list and map element shapes, and the scalar types.
/// Worked out once per type by reflection, so that the fast readers can tell whether the general reader would
/// accept an object without deserialising it.
/// </summary>
internal sealed class ModelShape
{
    private static readonly Dictionary<Type, ModelShape> Shapes = [];

    // Shapes whose building is over, read without the lock: files are parsed in parallel and ask once per object.
    private static readonly ConcurrentDictionary<Type, ModelShape> Finished = new();
    private FrozenDictionary<string, ModelShape>.AlternateLookup<ReadOnlySpan<char>> _byName;

    private ModelShape(ShapeKind kind, ModelShape? element = null, bool nullable = false)
    {
        Kind = kind;
        Element = element;
        _nullable = nullable;
    }

    private readonly bool _nullable;

    /// <summary>What the property holds.</summary>
    public ShapeKind Kind { get; }

    /// <summary>The shape of a list's items or a map's values.</summary>
    public ModelShape? Element { get; private set; }

    /// <summary>Whether YAML null reads as null: collections, objects and nullable numbers, flags and times (not strings, to be safe).</summary>
    public bool AcceptsNull => _nullable || Kind is ShapeKind.Object or ShapeKind.List or ShapeKind.Map or ShapeKind.Any;

    /// <summary>The shape of an object property by YAML name, or null for a name the type does not have.</summary>
    public ModelShape? Property(ReadOnlySpan<char> name) => _byName.TryGetValue(name, out var shape) ? shape : null;

    /// <summary>The shape of a client model type.</summary>
    public static ModelShape Of(Type type)
    {
        if (Finished.TryGetValue(type, out var shape))
            return shape;
        lock (Shapes)
            return Finished[type] = OfLocked(type);
    }

    private static ModelShape OfLocked(Type type)
    {
        if (Shapes.TryGetValue(type, out var known))
            return known;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var scalar = Scalar(underlying);
        if (scalar is { } kind)
            return Shapes[type] = new ModelShape(kind, nullable: underlying != type);
        if (ElementType(underlying, typeof(IDictionary<,>), 1) is { } value && ElementType(underlying, typeof(IDictionary<,>), 0) == typeof(string))
            return Shapes[type] = new ModelShape(ShapeKind.Map, OfLocked(value));
        if (underlying != typeof(string) && ElementType(underlying, typeof(IEnumerable<>), 0) is { } item)
            return Shapes[type] = new ModelShape(ShapeKind.List, OfLocked(item));
        if (!underlying.IsClass || underlying.Namespace != typeof(V1Pod).Namespace && underlying.Namespace != typeof(Crds.ClusterPolicyObject).Namespace)
            return Shapes[type] = new ModelShape(ShapeKind.Unsupported);
        var shape = Shapes[type] = new ModelShape(ShapeKind.Object);
        var properties = new Dictionary<string, ModelShape>(StringComparer.Ordinal);
        foreach (var property in underlying.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite)
                continue;
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            properties[name] = OfLocked(property.PropertyType);
        }
        shape._byName = properties.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        return shape;
    }

    private static ShapeKind? Scalar(Type type) =>
        type == typeof(string) ? ShapeKind.String
        : type == typeof(int) ? ShapeKind.Int
        : type == typeof(long) ? ShapeKind.Long
        : type == typeof(double) || type == typeof(float) ? ShapeKind.Double
        : type == typeof(bool) ? ShapeKind.Bool
        : type == typeof(DateTime) ? ShapeKind.DateTime
        : type == typeof(IntOrString) ? ShapeKind.IntOrString
        : type == typeof(ResourceQuantity) ? ShapeKind.Quantity
        : type == typeof(object) ? ShapeKind.Any
        : type.IsValueType || type.IsArray ? ShapeKind.Unsupported
        : null;

    private static Type? ElementType(Type type, Type generic, int argument)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == generic)
            return type.GetGenericArguments()[argument];
        foreach (var implemented in type.GetInterfaces())
        {
            if (implemented.IsGenericType && implemented.GetGenericTypeDefinition() == generic)
                return implemented.GetGenericArguments()[argument];
        }
        return null;
    }
}

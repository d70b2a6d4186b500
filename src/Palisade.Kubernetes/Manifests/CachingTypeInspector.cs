using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.TypeInspectors;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// Wraps YamlDotNet's type inspection so that each property's converter type, which YamlDotNet otherwise
/// looks up by reflection on every value it deserialises, is read once per property.
/// </summary>
internal sealed class CachingTypeInspector(ITypeInspector inner) : TypeInspectorSkeleton
{
    private readonly Dictionary<Type, IPropertyDescriptor[]> _properties = [];

    public override string GetEnumName(Type enumType, string name) => inner.GetEnumName(enumType, name);

    public override string GetEnumValue(object enumValue) => inner.GetEnumValue(enumValue);

    public override bool HasParseMethod(Type type) => inner.HasParseMethod(type);

    public override object? Parse(string value, Type type) => inner.Parse(value, type);

    public override IEnumerable<IPropertyDescriptor> GetProperties(Type type, object? container)
    {
        lock (_properties)
        {
            if (!_properties.TryGetValue(type, out var properties))
                _properties[type] = properties = inner.GetProperties(type, container).Select(p => (IPropertyDescriptor)new CachedDescriptor(p)).ToArray();
            return properties;
        }
    }

    private sealed class CachedDescriptor(IPropertyDescriptor inner) : IPropertyDescriptor
    {
        private readonly Type? _converterType = inner.ConverterType;

        public string Name => inner.Name;

        public bool AllowNulls => inner.AllowNulls;

        public bool CanWrite => inner.CanWrite;

        public Type Type => inner.Type;

        public Type? TypeOverride { get => inner.TypeOverride; set => inner.TypeOverride = value; }

        public int Order { get => inner.Order; set => inner.Order = value; }

        public ScalarStyle ScalarStyle { get => inner.ScalarStyle; set => inner.ScalarStyle = value; }

        public bool Required => inner.Required;

        public Type? ConverterType => _converterType;

        public T? GetCustomAttribute<T>() where T : Attribute => inner.GetCustomAttribute<T>();

        public IObjectDescriptor Read(object target) => inner.Read(target);

        public void Write(object target, object? value) => inner.Write(target, value);
    }
}

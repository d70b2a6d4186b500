using System.Reflection;
using System.Text.Json.Serialization;
using Palisade.Kubernetes.Mapping;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using k8s.Models;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// Deserialises parsing events into the client's model types, honouring their JSON property names and
/// ignoring unknown fields. Built once; only the types reachable from the kinds we read get overrides.
/// </summary>
internal static class ModelDeserializer
{
    private static readonly Lazy<IDeserializer> Instance = new(Build);

    /// <summary>Deserialises the node the parser is positioned before.</summary>
    public static object? Deserialize(IParser parser, Type type) => Instance.Value.Deserialize(parser, type);

    private static IDeserializer Build()
    {
        var builder = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .WithNodeDeserializer(new QuotedNumbers(), where => where.OnTop())
            .WithNodeDeserializer(new UnquotedScalars(), where => where.OnTop())
            .WithNodeDeserializer(new CollectionForScalar(), where => where.OnTop())
            .WithTypeConverter(new IntOrStringYamlConverter())
            .WithTypeConverter(new ResourceQuantityYamlConverter())
            .WithAttemptingUnquotedStringTypeDeserialization()
            .IgnoreUnmatchedProperties()
            .WithTypeInspector(inner => new CachingTypeInspector(inner));
        foreach (var type in ReachableModelTypes())
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var json = property.GetCustomAttribute<JsonPropertyNameAttribute>();
                if (json is not null)
                    builder.WithAttributeOverride(type, property.Name, new YamlMemberAttribute { Alias = json.Name, ApplyNamingConventions = false });
            }
        }
        return builder.Build();
    }

    private static HashSet<Type> ReachableModelTypes()
    {
        string?[] namespaces = [typeof(V1Pod).Namespace, typeof(Crds.ClusterPolicyObject).Namespace];
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>(KindTable.ModelTypes.Append(typeof(V1ConfigMap)));
        while (pending.TryPop(out var type))
        {
            if (!seen.Add(type))
                continue;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                foreach (var candidate in ElementTypes(property.PropertyType))
                {
                    if (namespaces.Contains(candidate.Namespace) && candidate.IsClass && !seen.Contains(candidate))
                        pending.Push(candidate);
                }
            }
        }
        return seen;
    }

    private static IEnumerable<Type> ElementTypes(Type type)
    {
        yield return type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
                yield return argument;
        }
    }
}

using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Palisade.Model;

namespace Palisade.Core.Tests.Architecture;

/// <summary>
/// A record promises value equality; one holding a list compared by reference breaks it silently. Every public
/// record of Core whose properties hold collections compares them element by element.
/// </summary>
public sealed class RecordEqualityTests
{
    public static TheoryData<string> RecordsHoldingCollections()
    {
        var data = new TheoryData<string>();
        foreach (var type in Records().Where(t => CollectionProperties(t).Any()))
            data.Add(type.FullName!);
        return data;
    }

    [Theory]
    [MemberData(nameof(RecordsHoldingCollections))]
    public void Equal_collections_make_equal_records(string typeName)
    {
        var type = typeof(Cluster).Assembly.GetType(typeName)!;
        foreach (var property in CollectionProperties(type))
        {
            var first = RuntimeHelpers.GetUninitializedObject(type);
            var second = RuntimeHelpers.GetUninitializedObject(type);
            property.SetValue(first, EmptyCollection(property.PropertyType));
            property.SetValue(second, EmptyCollection(property.PropertyType));
            Assert.True(first.Equals(second), $"{type.Name}.{property.Name}: two empty collections make the records unequal (reference equality)");
        }
    }

    [Fact]
    public void Records_holding_collections_are_found() =>
        Assert.Contains(typeof(Pod), Records().Where(t => CollectionProperties(t).Any()));

    private static IEnumerable<Type> Records() =>
        typeof(Cluster).Assembly.GetTypes().Where(t => t.IsPublic && t.IsClass && !t.IsAbstract &&
            t.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null);

    private static IEnumerable<PropertyInfo> CollectionProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null && IsCollection(p.PropertyType));

    private static bool IsCollection(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) &&
        (type.IsArray || type.Namespace?.StartsWith("System.Collections", StringComparison.Ordinal) == true);

    private static object EmptyCollection(Type type)
    {
        if (type.IsArray)
            return Array.CreateInstance(type.GetElementType()!, 0);
        if (!type.IsInterface)
            return Activator.CreateInstance(type)!;
        var arguments = type.GetGenericArguments();
        var concrete = arguments.Length == 2 ? typeof(Dictionary<,>) : type.Name.Contains("Set", StringComparison.Ordinal) ? typeof(HashSet<>) : typeof(List<>);
        return Activator.CreateInstance(concrete.MakeGenericType(arguments))!;
    }
}

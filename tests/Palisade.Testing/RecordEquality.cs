using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Palisade.Testing;

/// <summary>
/// Finds public records whose collection properties compare by reference: a record promises value equality,
/// and a list compared by reference breaks it silently.
/// </summary>
public static class RecordEquality
{
    /// <summary>The public records of the assembly with at least one settable collection property.</summary>
    public static IEnumerable<Type> RecordsHoldingCollections(Assembly assembly) =>
        assembly.GetTypes().Where(t => t.IsPublic && t.IsClass && !t.IsAbstract &&
            t.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null &&
            CollectionProperties(t).Any());

    /// <summary>
    /// <c>Type.Property</c> for each collection property that makes two records unequal when each holds an
    /// empty collection of its own.
    /// </summary>
    public static IEnumerable<string> ComparedByReference(Type record)
    {
        foreach (var property in CollectionProperties(record))
        {
            var first = RuntimeHelpers.GetUninitializedObject(record);
            var second = RuntimeHelpers.GetUninitializedObject(record);
            property.SetValue(first, EmptyCollection(property.PropertyType));
            property.SetValue(second, EmptyCollection(property.PropertyType));
            if (!first.Equals(second))
                yield return $"{record.Name}.{property.Name}";
        }
    }

    private static IEnumerable<PropertyInfo> CollectionProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null && IsCollection(p.PropertyType));

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

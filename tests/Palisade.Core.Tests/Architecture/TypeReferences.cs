using System.Reflection;
using System.Reflection.Emit;

namespace Palisade.Core.Tests.Architecture;

/// <summary>
/// The types a type refers to: its base type and interfaces, its members' signatures, its attributes, and
/// every type, method and field its method bodies name (read from the IL), so that a reference inside a
/// method body counts as much as one in a signature.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Every type the type refers to, generic arguments and element types included.</summary>
    public static IEnumerable<Type> Of(Type type)
    {
        var direct = new List<Type>();
        if (type.BaseType is { } baseType)
            direct.Add(baseType);
        direct.AddRange(type.GetInterfaces());
        direct.AddRange(type.GetFields(Declared).Select(f => f.FieldType));
        direct.AddRange(type.GetProperties(Declared).Select(p => p.PropertyType));
        direct.AddRange(type.GetCustomAttributesData().Select(a => a.AttributeType));
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info)
                direct.Add(info.ReturnType);
            direct.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method.GetMethodBody() is not { } body)
                continue;
            direct.AddRange(body.LocalVariables.Select(l => l.LocalType));
            direct.AddRange(InBody(method, body.GetILAsByteArray() ?? []));
        }
        return direct.SelectMany(Expand);
    }

    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType)
            return Expand(type.GetElementType()!);
        if (type.IsGenericParameter)
            return [];
        if (type.IsGenericType)
            return type.GetGenericArguments().SelectMany(Expand).Prepend(type.GetGenericTypeDefinition());
        return [type];
    }

    /// <summary>The types named by the operands of the method body's instructions.</summary>
    private static IEnumerable<Type> InBody(MethodBase method, byte[] il)
    {
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var i = 0;
        while (i < il.Length)
        {
            var twoBytes = il[i] == 0xFE;
            var opCode = OpCodesByValue[twoBytes ? (short)(0xFE00 | il[i + 1]) : il[i]];
            i += twoBytes ? 2 : 1;
            if (opCode.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                foreach (var type in Named(method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArguments, methodArguments)))
                    yield return type;
            }
            i += OperandSize(opCode, il, i);
        }
    }

    private static IEnumerable<Type> Named(MemberInfo? member) => member switch
    {
        Type type => [type],
        MethodInfo method => [method.DeclaringType!, method.ReturnType, .. method.IsGenericMethod ? method.GetGenericArguments() : []],
        ConstructorInfo constructor => [constructor.DeclaringType!],
        FieldInfo field => [field.DeclaringType!, field.FieldType],
        _ => [],
    };

    private static int OperandSize(OpCode opCode, byte[] il, int at) => opCode.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };
}

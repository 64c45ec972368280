using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Dsl.Compiler.Emit.NanoFramework;

namespace Dsl.Compiler.Tests.NanoFramework;

/// <summary>
/// The native method table of a built managed assembly, read from its metadata the way nanoFramework's metadata
/// processor builds it (types with methods; per type virtual, instance, static methods in declaration order; a row
/// for every method, native where it has no IL), independently of the emitter that wrote the C++ table.
/// </summary>
internal static class ManagedMethodTable
{
    /// <summary>The rows of <paramref name="dll"/> and the number of types that have methods.</summary>
    public static (IReadOnlyList<NativeMethodEntry> Rows, int TypesWithMethods, IReadOnlyList<string> References) Read(string dll)
    {
        using var stream = File.OpenRead(dll);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var rows = new List<NativeMethodEntry>();
        var typesWithMethods = 0;
        foreach (var handle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(handle);
            var methods = type.GetMethods().Select(md.GetMethodDefinition).ToList();
            if (methods.Count == 0)
            {
                continue;
            }

            typesWithMethods++;
            var className = $"{md.GetString(type.Namespace)}_{md.GetString(type.Name)}".Replace('.', '_');
            var ordered = methods.Where(m => (m.Attributes & MethodAttributes.Virtual) != 0)
                .Concat(methods.Where(m => (m.Attributes & (MethodAttributes.Virtual | MethodAttributes.Static)) == 0))
                .Concat(methods.Where(m => (m.Attributes & MethodAttributes.Static) != 0));
            foreach (var m in ordered)
            {
                var isStatic = (m.Attributes & MethodAttributes.Static) != 0;
                var signature = m.DecodeSignature(new NanoTypeNames(md), genericContext: null);
                var name = md.GetString(m.Name) + (isStatic ? "___STATIC__" : "___")
                                                + string.Join("__", new[] { signature.ReturnType }.Concat(signature.ParameterTypes));
                rows.Add(new NativeMethodEntry(className, name, IsNative: m.RelativeVirtualAddress == 0 && (m.Attributes & MethodAttributes.Abstract) == 0));
            }
        }

        var references = md.AssemblyReferences.Select(r => md.GetString(md.GetAssemblyReference(r).Name)).ToList();
        return (rows, typesWithMethods, references);
    }

    /// <summary>Type names as the metadata processor spells them in method names (the subset the binding uses, else the full name without dots).</summary>
    private sealed class NanoTypeNames(MetadataReader md) : ISignatureTypeProvider<string, object?>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
        {
            PrimitiveTypeCode.Void => "VOID",
            PrimitiveTypeCode.Boolean => "BOOLEAN",
            PrimitiveTypeCode.SByte => "I1",
            PrimitiveTypeCode.Int16 => "I2",
            PrimitiveTypeCode.Int32 => "I4",
            PrimitiveTypeCode.Byte => "U1",
            PrimitiveTypeCode.String => "STRING",
            _ => throw new NotSupportedException(typeCode.ToString()),
        };

        public string GetSZArrayType(string elementType) => "SZARRAY_" + elementType;

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            var t = md.GetTypeDefinition(handle);
            return (md.GetString(t.Namespace) + md.GetString(t.Name)).Replace(".", "", StringComparison.Ordinal);
        }

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            var t = md.GetTypeReference(handle);
            return (md.GetString(t.Namespace) + md.GetString(t.Name)).Replace(".", "", StringComparison.Ordinal);
        }

        public string GetArrayType(string elementType, ArrayShape shape) => throw new NotSupportedException("multi-dimensional array");
        public string GetByReferenceType(string elementType) => throw new NotSupportedException("by-reference parameter");
        public string GetFunctionPointerType(MethodSignature<string> signature) => throw new NotSupportedException();
        public string GetGenericInstantiation(string genericType, System.Collections.Immutable.ImmutableArray<string> typeArguments) => throw new NotSupportedException();
        public string GetGenericMethodParameter(object? genericContext, int index) => throw new NotSupportedException();
        public string GetGenericTypeParameter(object? genericContext, int index) => throw new NotSupportedException();
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetPinnedType(string elementType) => elementType;
        public string GetPointerType(string elementType) => throw new NotSupportedException();
        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => throw new NotSupportedException();
    }
}

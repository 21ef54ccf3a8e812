using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Radiogenomics.Engine.Identity;

/// <summary>
/// Digests one type unit (a top-level type and its nested types: lambdas, closures, iterators and async state
/// machines included) in a canonical form that does not depend on where the type sits in its assembly: every
/// metadata token, in signatures and IL operands alike, is replaced by the canonical name of what it refers to
/// (assembly-qualified type name, member name, decoded signature, generic instantiations spelled out), string
/// literals by their text, and reached field data (FieldRVA) by its bytes; branch offsets stay as they are, being
/// local to the body. Tokens are row numbers that shift when anything is added elsewhere in the assembly, so
/// hashing them would rerun stages for unrelated edits. Along the way it collects the project types and package
/// assemblies the unit refers to, which <see cref="TypeClosureIdentity"/> follows.
/// </summary>
internal sealed class TypeUnitDigester : ISignatureTypeProvider<string, object?>
{
    private readonly ProjectAssembly _assembly;
    private readonly MetadataReader _md;
    private readonly Func<string, AssemblyKind> _classify;
    private readonly CanonicalWriter _writer = new();
    private readonly SortedSet<(string, string)> _types = new();
    private readonly SortedSet<string> _packages = new(StringComparer.Ordinal);

    public TypeUnitDigester(ProjectAssembly assembly, Func<string, AssemblyKind> classify)
    {
        _assembly = assembly;
        _md = assembly.Metadata;
        _classify = classify;
    }

    public TypeUnit Digest(TypeDefinitionHandle handle)
    {
        WriteType(handle);
        return new TypeUnit(_writer.Finish(), _types.ToList(), _packages.ToList());
    }

    private void WriteType(TypeDefinitionHandle handle)
    {
        var type = _md.GetTypeDefinition(handle);
        W("type " + _assembly.FullName(type));
        _writer.Write((int)type.Attributes);
        W(type.BaseType.IsNil ? "-" : TypeName(type.BaseType));
        foreach (var i in type.GetInterfaceImplementations())
        {
            var implementation = _md.GetInterfaceImplementation(i);
            W("implements " + TypeName(implementation.Interface));
            WriteAttributes(implementation.GetCustomAttributes());
        }
        WriteGenericParameters(type.GetGenericParameters());
        var layout = type.GetLayout();
        _writer.Write(layout.PackingSize);
        _writer.Write(layout.Size);
        WriteAttributes(type.GetCustomAttributes());

        foreach (var f in type.GetFields()) WriteField(f);
        foreach (var m in type.GetMethods()) WriteMethod(m);
        foreach (var p in type.GetProperties())
        {
            var property = _md.GetPropertyDefinition(p);
            W("property " + _md.GetString(property.Name));
            _writer.Write((int)property.Attributes);
            W(MethodSignature(property.DecodeSignature(this, null)));
            var accessors = property.GetAccessors();
            W(accessors.Getter.IsNil ? "-" : MemberName(accessors.Getter));
            W(accessors.Setter.IsNil ? "-" : MemberName(accessors.Setter));
            foreach (var other in accessors.Others) W(MemberName(other));
            WriteConstant(property.GetDefaultValue());
            WriteAttributes(property.GetCustomAttributes());
        }
        foreach (var e in type.GetEvents())
        {
            var ev = _md.GetEventDefinition(e);
            W("event " + _md.GetString(ev.Name));
            _writer.Write((int)ev.Attributes);
            W(TypeName(ev.Type));
            var accessors = ev.GetAccessors();
            foreach (var accessor in new[] { accessors.Adder, accessors.Remover, accessors.Raiser }.Concat(accessors.Others))
                W(accessor.IsNil ? "-" : MemberName(accessor));
            WriteAttributes(ev.GetCustomAttributes());
        }
        foreach (var i in type.GetMethodImplementations())
        {
            var implementation = _md.GetMethodImplementation(i);
            W("override " + MemberName(implementation.MethodDeclaration) + " by " + MemberName(implementation.MethodBody));
        }
        // Nested types by name: their order in metadata says nothing about the code.
        foreach (var nested in type.GetNestedTypes().OrderBy(n => _md.GetString(_md.GetTypeDefinition(n).Name), StringComparer.Ordinal))
            WriteType(nested);
        if (handle == _assembly.Find("<Module>")) WriteAttributes(_md.GetAssemblyDefinition().GetCustomAttributes());
    }

    private void WriteField(FieldDefinitionHandle handle)
    {
        var field = _md.GetFieldDefinition(handle);
        W("field " + _md.GetString(field.Name));
        _writer.Write((int)field.Attributes);
        W(field.DecodeSignature(this, null));
        _writer.Write(field.GetOffset());
        WriteConstant(field.GetDefaultValue());
        if (!field.GetMarshallingDescriptor().IsNil) _writer.Write(_md.GetBlobBytes(field.GetMarshallingDescriptor()));
        if ((field.Attributes & FieldAttributes.HasFieldRVA) != 0) _writer.Write(FieldData(handle));
        WriteAttributes(field.GetCustomAttributes());
    }

    private void WriteMethod(MethodDefinitionHandle handle)
    {
        var method = _md.GetMethodDefinition(handle);
        W("method " + _md.GetString(method.Name));
        _writer.Write((int)method.Attributes);
        _writer.Write((int)method.ImplAttributes);
        W(MethodSignature(method.DecodeSignature(this, null)));
        WriteGenericParameters(method.GetGenericParameters());
        foreach (var p in method.GetParameters())
        {
            var parameter = _md.GetParameter(p);
            _writer.Write(parameter.SequenceNumber);
            W(_md.GetString(parameter.Name));
            _writer.Write((int)parameter.Attributes);
            WriteConstant(parameter.GetDefaultValue());
            if (!parameter.GetMarshallingDescriptor().IsNil) _writer.Write(_md.GetBlobBytes(parameter.GetMarshallingDescriptor()));
            WriteAttributes(parameter.GetCustomAttributes());
        }
        WriteAttributes(method.GetCustomAttributes());
        var import = method.GetImport();
        if (!import.Module.IsNil)
            W($"pinvoke {_md.GetString(_md.GetModuleReference(import.Module).Name)}!{_md.GetString(import.Name)} {(int)import.Attributes}");
        if (method.RelativeVirtualAddress != 0) WriteBody(_assembly.Pe.GetMethodBody(method.RelativeVirtualAddress));
    }

    private void WriteBody(MethodBodyBlock body)
    {
        _writer.Write(body.MaxStack);
        _writer.Write(body.LocalVariablesInitialized ? 1 : 0);
        if (!body.LocalSignature.IsNil)
            foreach (var local in _md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null)) W("local " + local);
        foreach (var region in body.ExceptionRegions)
        {
            W($"region {region.Kind} {region.TryOffset} {region.TryLength} {region.HandlerOffset} {region.HandlerLength} {region.FilterOffset}");
            if (!region.CatchType.IsNil) W(TypeName(region.CatchType));
        }
        byte[] il = body.GetILBytes() ?? [];
        int offset = 0;
        while (offset < il.Length)
        {
            var (operand, length) = IlOperandTable.At(il, offset);
            _writer.Write(il.AsSpan(offset, length));
            offset += length;
            int size = operand switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * (int)BitConverter.ToUInt32(Operand(il, offset, 4)),
                _ => 4,
            };
            var bytes = Operand(il, offset, size);
            switch (operand)
            {
                case OperandType.InlineString:
                    W("ldstr " + _md.GetUserString(MetadataTokens.UserStringHandle(BitConverter.ToInt32(bytes) & 0xFFFFFF)));
                    break;
                case OperandType.InlineSig:
                    W("sig " + MethodSignature(_md.GetStandaloneSignature((StandaloneSignatureHandle)Token(bytes)).DecodeMethodSignature(this, null)));
                    break;
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var token = Token(bytes);
                    W(token.Kind is HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification ? TypeName(token) : MemberName(token));
                    if (token.Kind == HandleKind.FieldDefinition
                        && (_md.GetFieldDefinition((FieldDefinitionHandle)token).Attributes & FieldAttributes.HasFieldRVA) != 0)
                        _writer.Write(FieldData((FieldDefinitionHandle)token));
                    break;
                default:
                    _writer.Write(bytes);
                    break;
            }
            offset += size;
        }
    }

    private static ReadOnlySpan<byte> Operand(byte[] il, int offset, int size) =>
        offset + size <= il.Length ? il.AsSpan(offset, size) : throw new UnresolvableCodeException($"truncated IL operand at offset {offset}");

    private static EntityHandle Token(ReadOnlySpan<byte> bytes) => MetadataTokens.EntityHandle(BitConverter.ToInt32(bytes));

    /// <summary>A field's initial data (static array initialisers, UTF-8 literals): its size follows from its type.</summary>
    private ReadOnlySpan<byte> FieldData(FieldDefinitionHandle handle)
    {
        var field = _md.GetFieldDefinition(handle);
        var reader = _md.GetBlobReader(field.Signature);
        reader.ReadSignatureHeader();
        var code = (SignatureTypeCode)reader.ReadCompressedInteger();
        int size = code switch
        {
            SignatureTypeCode.Boolean or SignatureTypeCode.SByte or SignatureTypeCode.Byte => 1,
            SignatureTypeCode.Char or SignatureTypeCode.Int16 or SignatureTypeCode.UInt16 => 2,
            SignatureTypeCode.Int32 or SignatureTypeCode.UInt32 or SignatureTypeCode.Single => 4,
            SignatureTypeCode.Int64 or SignatureTypeCode.UInt64 or SignatureTypeCode.Double => 8,
            (SignatureTypeCode)0x11 => LayoutSize(reader.ReadTypeHandle()),   // ELEMENT_TYPE_VALUETYPE
            _ => 0,
        };
        if (size <= 0) throw new UnresolvableCodeException($"the initial data of field {_md.GetString(field.Name)} has no size that can be read from metadata");
        var data = _assembly.Pe.GetSectionData(field.GetRelativeVirtualAddress());
        if (data.Length < size) throw new UnresolvableCodeException($"the initial data of field {_md.GetString(field.Name)} lies outside its section");
        return data.GetContent(0, size).AsSpan();
    }

    private int LayoutSize(EntityHandle handle) =>
        handle.Kind == HandleKind.TypeDefinition ? _md.GetTypeDefinition((TypeDefinitionHandle)handle).GetLayout().Size : 0;

    private void WriteConstant(ConstantHandle handle)
    {
        if (handle.IsNil) return;
        var constant = _md.GetConstant(handle);
        W("const " + constant.TypeCode);
        _writer.Write(_md.GetBlobBytes(constant.Value));
    }

    private void WriteGenericParameters(GenericParameterHandleCollection parameters)
    {
        foreach (var p in parameters)
        {
            var parameter = _md.GetGenericParameter(p);
            W("generic " + _md.GetString(parameter.Name));
            _writer.Write((int)parameter.Attributes);
            foreach (var c in parameter.GetConstraints())
            {
                var constraint = _md.GetGenericParameterConstraint(c);
                W("where " + TypeName(constraint.Type));
                WriteAttributes(constraint.GetCustomAttributes());
            }
            WriteAttributes(parameter.GetCustomAttributes());
        }
    }

    /// <summary>Constructor by name, arguments by their serialised bytes (which hold values and type names, never tokens).</summary>
    private void WriteAttributes(CustomAttributeHandleCollection attributes)
    {
        foreach (var a in attributes)
        {
            var attribute = _md.GetCustomAttribute(a);
            W("attribute " + MemberName(attribute.Constructor));
            _writer.Write(_md.GetBlobBytes(attribute.Value));
        }
    }

    private void W(string text) => _writer.Write(text);

    // ---- canonical names (and the reach they imply) ----

    private string MemberName(EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
            {
                var method = _md.GetMethodDefinition((MethodDefinitionHandle)handle);
                return TypeName(method.GetDeclaringType()) + "::" + _md.GetString(method.Name) + MethodSignature(method.DecodeSignature(this, null));
            }
            case HandleKind.FieldDefinition:
            {
                var field = _md.GetFieldDefinition((FieldDefinitionHandle)handle);
                return TypeName(field.GetDeclaringType()) + "::" + _md.GetString(field.Name) + ":" + field.DecodeSignature(this, null);
            }
            case HandleKind.MemberReference:
            {
                var member = _md.GetMemberReference((MemberReferenceHandle)handle);
                string parent = member.Parent.Kind switch
                {
                    HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification => TypeName(member.Parent),
                    HandleKind.MethodDefinition => MemberName(member.Parent),
                    HandleKind.ModuleReference => "module " + _md.GetString(_md.GetModuleReference((ModuleReferenceHandle)member.Parent).Name),
                    _ => throw new UnresolvableCodeException($"member reference with a {member.Parent.Kind} parent"),
                };
                string signature = member.GetKind() == MemberReferenceKind.Method
                    ? MethodSignature(member.DecodeMethodSignature(this, null))
                    : ":" + member.DecodeFieldSignature(this, null);
                return parent + "::" + _md.GetString(member.Name) + signature;
            }
            case HandleKind.MethodSpecification:
            {
                var specification = _md.GetMethodSpecification((MethodSpecificationHandle)handle);
                return MemberName(specification.Method) + "<" + string.Join(",", specification.DecodeSignature(this, null)) + ">";
            }
            default:
                throw new UnresolvableCodeException($"a token of kind {handle.Kind} where a member was expected");
        }
    }

    private string TypeName(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeDefinition => GetTypeFromDefinition(_md, (TypeDefinitionHandle)handle, 0),
        HandleKind.TypeReference => GetTypeFromReference(_md, (TypeReferenceHandle)handle, 0),
        HandleKind.TypeSpecification => _md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null),
        _ => throw new UnresolvableCodeException($"a token of kind {handle.Kind} where a type was expected"),
    };

    private static string MethodSignature(MethodSignature<string> signature) =>
        $"[{signature.Header}`{signature.GenericParameterCount}] {signature.ReturnType}({string.Join(",", signature.ParameterTypes)}{(signature.RequiredParameterCount < signature.ParameterTypes.Length ? $";{signature.RequiredParameterCount}" : "")})";

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        _types.Add((_assembly.Name, _assembly.FullName(_md.GetTypeDefinition(_assembly.TopLevelOf(handle)))));
        return $"[{_assembly.Name}]{_assembly.FullName(_md.GetTypeDefinition(handle))}";
    }

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        var (assembly, topLevel, fullName) = Resolve(handle);
        switch (_classify(assembly))
        {
            case AssemblyKind.Project: _types.Add((assembly, topLevel)); break;
            case AssemblyKind.Package: _packages.Add(assembly); break;
        }
        return $"[{assembly}]{fullName}";
    }

    /// <summary>The assembly a type reference names (its resolution scope), its top-level type and its full name.</summary>
    private (string Assembly, string TopLevel, string FullName) Resolve(TypeReferenceHandle handle)
    {
        var reference = _md.GetTypeReference(handle);
        string name = _md.GetString(reference.Name);
        var scope = reference.ResolutionScope;
        switch (scope.Kind)
        {
            case HandleKind.TypeReference:
                var (assembly, topLevel, outer) = Resolve((TypeReferenceHandle)scope);
                return (assembly, topLevel, outer + "/" + name);
            case HandleKind.AssemblyReference:
            case HandleKind.ModuleDefinition:
                string ns = _md.GetString(reference.Namespace);
                string full = ns.Length == 0 ? name : ns + "." + name;
                string owner = scope.Kind == HandleKind.ModuleDefinition
                    ? _assembly.Name
                    : _md.GetString(_md.GetAssemblyReference((AssemblyReferenceHandle)scope).Name);
                return (owner, full, full);
            default:
                throw new UnresolvableCodeException($"type reference {name} resolved through a {scope.Kind}");
        }
    }

    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        _md.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
    public string GetSZArrayType(string elementType) => elementType + "[]";
    public string GetArrayType(string elementType, ArrayShape shape) =>
        $"{elementType}[{shape.Rank};{string.Join(",", shape.Sizes)};{string.Join(",", shape.LowerBounds)}]";
    public string GetByReferenceType(string elementType) => elementType + "&";
    public string GetPointerType(string elementType) => elementType + "*";
    public string GetPinnedType(string elementType) => elementType + " pinned";
    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType + "<" + string.Join(",", typeArguments) + ">";
    public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;
    public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;
    public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr " + MethodSignature(signature);
    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => $"{unmodifiedType} {(isRequired ? "modreq" : "modopt")}({modifier})";
}

using System.Reflection;
using System.Reflection.Emit;

namespace Radiogenomics.Engine.Identity;

/// <summary>
/// The operand kind of every IL opcode, taken from the runtime's own <see cref="OpCodes"/> table, so the method-body
/// walk in <see cref="TypeUnitDigester"/> knows how many bytes follow each opcode and which of them are tokens.
/// </summary>
internal static class IlOperandTable
{
    private static readonly OperandType?[] OneByte = new OperandType?[256];
    private static readonly OperandType?[] TwoByte = new OperandType?[256];

    static IlOperandTable()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is not OpCode code) continue;
            ushort value = unchecked((ushort)code.Value);
            if (code.Size == 1) OneByte[value] = code.OperandType;
            else TwoByte[value & 0xFF] = code.OperandType;
        }
    }

    /// <summary>The operand kind of the opcode at <paramref name="offset"/> and the opcode's own length in bytes.</summary>
    public static (OperandType Operand, int OpcodeLength) At(byte[] il, int offset)
    {
        byte first = il[offset];
        if (first == 0xFE)
        {
            if (offset + 1 >= il.Length) throw new UnresolvableCodeException($"truncated two-byte opcode at IL offset {offset}");
            return (TwoByte[il[offset + 1]] ?? throw new UnresolvableCodeException($"unknown opcode 0xFE{il[offset + 1]:X2} at IL offset {offset}"), 2);
        }
        return (OneByte[first] ?? throw new UnresolvableCodeException($"unknown opcode 0x{first:X2} at IL offset {offset}"), 1);
    }
}

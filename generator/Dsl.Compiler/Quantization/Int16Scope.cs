namespace Dsl.Compiler.Quantization;

/// <summary>A group of tensors kept in int16, named instead of listed (--int16 all|heavy, dsl.json 'int16_tensors').</summary>
public enum Int16Scope
{
    /// <summary>Every eligible activation tensor.</summary>
    All,

    /// <summary>Every eligible tensor the heavy path computes (with handoff "audio" this includes its copy of the
    /// shared layers): heavy-output quality without raising the always-on light path's cost.</summary>
    Heavy,
}

using System.Reflection;

namespace Koperasi.LocalHost;

/// <summary>One <c>[Function]</c> method found in the app: its name, its trigger and the parameter that carries it.</summary>
public sealed record FunctionEntry(string Name, FunctionKind Kind, MethodInfo Method, ParameterInfo TriggerParameter, Attribute Trigger);

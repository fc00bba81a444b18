using MultiNet.Cni.Protocol;

namespace MultiNet.NetworkPlumbing.Selection;

/// <summary>A rule spanning elements that the annotation breaks: the later element, the field, and the error to report.</summary>
internal sealed record SelectionConflict(SelectionConflictKind Kind, NetworkSelectionElement Element, string Field, CniException Error);

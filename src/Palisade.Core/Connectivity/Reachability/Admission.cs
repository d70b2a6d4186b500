namespace Palisade.Connectivity.Reachability;

/// <summary>A destination node and the port classes (a mask) on which a peer set's rules admit their peers to it.</summary>
internal readonly record struct Admission(int Node, ulong[] PortClasses);

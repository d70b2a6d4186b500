namespace Palisade.Kubernetes.Live;

/// <summary>How far a live read is: the kind whose page just arrived, how many of its objects so far, and the kinds done.</summary>
public sealed record ReadProgress(string Resource, int Objects, int KindsDone, int KindsTotal);

using System.Net;
using Palisade.Model;
using k8s.Models;

namespace Palisade.Kubernetes.Mapping;

/// <summary>Maps Endpoints and EndpointSlices into the addresses and ports of the Service they belong to.</summary>
internal static class EndpointsMapper
{
    private const string ServiceNameLabel = "kubernetes.io/service-name";

    public static ServiceEndpoints Map(V1Endpoints endpoints, MappingContext context)
    {
        var pairs = new List<IPEndPoint>();
        foreach (var subset in endpoints.Subsets ?? [])
        {
            foreach (var address in subset.Addresses ?? [])
            {
                if (!IPAddress.TryParse(address.Ip, out var ip))
                    continue;
                foreach (var port in subset.Ports ?? [])
                    pairs.Add(new IPEndPoint(ip, port.Port));
            }
        }
        return new ServiceEndpoints(context.Key.Namespace!, context.Key.Name) { Endpoints = pairs };
    }

    public static ServiceEndpoints Map(V1EndpointSlice slice, MappingContext context)
    {
        var service = slice.Metadata?.Labels?.TryGetValue(ServiceNameLabel, out var name) == true ? name : context.Key.Name;
        var pairs = new List<IPEndPoint>();
        foreach (var endpoint in slice.Endpoints ?? [])
        {
            foreach (var text in endpoint.Addresses ?? [])
            {
                if (!IPAddress.TryParse(text, out var ip))
                    continue;
                foreach (var port in slice.Ports ?? [])
                {
                    if (port.Port is { } number)
                        pairs.Add(new IPEndPoint(ip, number));
                }
            }
        }
        return new ServiceEndpoints(context.Key.Namespace!, service) { Endpoints = pairs };
    }
}

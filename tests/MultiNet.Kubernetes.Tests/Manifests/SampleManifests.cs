namespace MultiNet.Kubernetes.Tests.Manifests;

/// <summary>Realistic NADs and pods, written the way users write them.</summary>
internal static class SampleManifests
{
    public const string BridgeMacvlanConflist = """
        # networks for the demo
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          name: bridge-net
        spec:
          config: |
            {
              "cniVersion": "1.0.0",
              "name": "bridge-net",
              "type": "bridge",
              "bridge": "mnbr0",
              "isGateway": true,
              "ipam": {
                "type": "host-local",
                "ranges": [[{ "subnet": "10.10.0.0/24" }]]
              }
            }
        ---
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          name: macvlan-a
          namespace: team-a
          annotations:
            k8s.v1.cni.cncf.io/resourceName: example.com/macvlan
        spec:
          config: '{ "cniVersion": "0.4.0", "type": "macvlan", "master": "mnbr1", "mode": "bridge", "ipam": { "type": "static" } }'
        ---
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          name: tuned
        spec:
          config: >-
            { "cniVersion": "1.0.0", "name": "tuned", "plugins": [
              { "type": "bridge", "bridge": "mnbr2", "ipam": { "type": "host-local", "subnet": "10.20.0.0/24" } },
              { "type": "tuning", "sysctl": { "net.ipv4.conf.IFNAME.arp_filter": "1" } } ] }
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: unrelated
        data:
          key: value
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          annotations:
            k8s.v1.cni.cncf.io/networks: bridge-net, team-a/macvlan-a@data0
        spec:
          containers:
            - name: web
              image: nginx
        """;

    public const string PodJson = """
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {
            "name": "db",
            "namespace": "team-a",
            "uid": "3f1c2a9e-0000-4000-8000-000000000001",
            "annotations": { "k8s.v1.cni.cncf.io/networks": "[{\"name\": \"macvlan-a\", \"interface\": \"data0\"}]" }
          },
          "spec": { "containers": [ { "name": "db", "image": "postgres" } ] }
        }
        """;

    public const string List = """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: k8s.cni.cncf.io/v1
            kind: NetworkAttachmentDefinition
            metadata: { name: from-list, namespace: lists }
            spec: {}
          - apiVersion: apps/v1
            kind: Deployment
            metadata: { name: ignored }
          - apiVersion: v1
            kind: Pod
            metadata: { name: listed-pod, namespace: lists }
        """;

    /// <summary>A one-document NAD named <paramref name="name"/> with a bridge config.</summary>
    public static string Bridge(string name) => $$"""
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata:
          name: {{name}}
        spec:
          config: '{"cniVersion":"1.0.0","name":"{{name}}","type":"bridge"}'

        """;
}

using Palisade.Net;

namespace Palisade.Posture.DefaultPorts;

/// <summary>
/// Default ports of software that attackers scan for first: databases, caches, brokers, admin consoles and
/// remote shells, and the Kubernetes components' own ports.
/// </summary>
public static class WellKnownPorts
{
    /// <summary>TCP default ports of well-known services, with the service's name.</summary>
    public static readonly IReadOnlyDictionary<int, string> Services = new Dictionary<int, string>
    {
        [21] = "FTP", [22] = "SSH", [23] = "Telnet", [445] = "SMB", [3389] = "RDP", [5900] = "VNC",
        [2375] = "Docker API (plaintext)", [2376] = "Docker API",
        [1433] = "Microsoft SQL Server", [1521] = "Oracle", [3306] = "MySQL/MariaDB", [5432] = "PostgreSQL",
        [5984] = "CouchDB", [7474] = "Neo4j", [8086] = "InfluxDB", [9042] = "Cassandra", [9200] = "Elasticsearch",
        [9300] = "Elasticsearch transport", [26257] = "CockroachDB", [27017] = "MongoDB",
        [6379] = "Redis", [11211] = "Memcached",
        [1883] = "MQTT", [2181] = "ZooKeeper", [4222] = "NATS", [5672] = "AMQP (RabbitMQ)", [9092] = "Kafka", [61616] = "ActiveMQ",
        [5601] = "Kibana", [8161] = "ActiveMQ console", [8500] = "Consul", [8888] = "Jupyter", [15672] = "RabbitMQ management",
    };

    /// <summary>Kubernetes component ports: API server, etcd, kubelet, controller manager, scheduler, kube-proxy.</summary>
    public static readonly IReadOnlyDictionary<int, string> Components = new Dictionary<int, string>
    {
        [6443] = "kube-apiserver", [2379] = "etcd", [2380] = "etcd",
        [10250] = "kubelet", [10255] = "kubelet (read-only)", [10257] = "kube-controller-manager",
        [10259] = "kube-scheduler", [10249] = "kube-proxy", [10256] = "kube-proxy",
    };

    /// <summary>
    /// The TCP port images of well-known software listen on by default, by image name (official, Bitnami and vendor
    /// images): what a container of such an image listens on when it declares no port.
    /// </summary>
    private static readonly Dictionary<string, int> ImageDefaults = new(StringComparer.Ordinal)
    {
        ["redis"] = 6379, ["redis-stack-server"] = 6379, ["valkey"] = 6379, ["keydb"] = 6379, ["memcached"] = 11211,
        ["postgres"] = 5432, ["postgresql"] = 5432, ["postgis"] = 5432, ["timescaledb"] = 5432,
        ["mysql"] = 3306, ["mysql-server"] = 3306, ["mariadb"] = 3306, ["percona-server"] = 3306,
        ["mongo"] = 27017, ["mongodb"] = 27017, ["mongodb-community-server"] = 27017,
        ["elasticsearch"] = 9200, ["opensearch"] = 9200, ["cassandra"] = 9042, ["couchdb"] = 5984, ["neo4j"] = 7474,
        ["influxdb"] = 8086, ["cockroach"] = 26257,
        ["rabbitmq"] = 5672, ["kafka"] = 9092, ["cp-kafka"] = 9092, ["zookeeper"] = 2181, ["nats"] = 4222,
        ["activemq"] = 61616, ["activemq-classic"] = 61616, ["eclipse-mosquitto"] = 1883, ["mosquitto"] = 1883,
        ["kibana"] = 5601, ["consul"] = 8500,
    };

    /// <summary>The default TCP port of the image (by its name, <see cref="Model.ContainerImage.Name"/>) if it is well-known software.</summary>
    public static int? ImageDefault(string imageName) => ImageDefaults.TryGetValue(imageName, out var port) ? port : null;

    /// <summary>The well-known service on a port of the protocol, if any (all of them are TCP).</summary>
    public static string? ServiceOn(Protocol protocol, int port) =>
        protocol == Protocol.Tcp && Services.TryGetValue(port, out var name) ? name : null;
}

using static Palisade.Detection.Tests.Tests.Contract.ContractEdgeTests;
using static Palisade.Detection.Tests.Tests.Contract.EdgeCluster;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// Layouts of the IP-only formats that real exports have and our generator does not write: a VPC custom format with
/// every field AWS offers (v3 to v8: region, az-id, sublocations, AWS service names, ECS fields, reject-reason) in an order
/// of its own; CSV as spreadsheets and exporters write it (quoted fields, CRLF, a byte-order mark, the contract's
/// columns in another order); GCP entries naming only the destination's GKE pod.
/// </summary>
public sealed class IpOnlyLayoutTests
{
    [Fact]
    public void A_vpc_custom_format_with_every_field_is_read_by_its_header()
    {
        const string header = "ecs-cluster-name ecs-cluster-arn ecs-container-instance-id ecs-container-instance-arn ecs-service-name ecs-task-definition-arn ecs-task-id ecs-task-arn ecs-container-id ecs-second-container-id "
            + "reject-reason version account-id vpc-id subnet-id instance-id interface-id type region az-id sublocation-type sublocation-id pkt-src-aws-service pkt-dst-aws-service "
            + "flow-direction traffic-path log-status action tcp-flags start end packets bytes protocol dstport srcport pkt-dstaddr pkt-srcaddr dstaddr srcaddr";
        static string Record(string action, string reject, int flags, string direction, int srcPort, int dstPort, string src, string dst) =>
            "- - - - - - - - - - " + reject + " 8 123456789012 vpc-0a1b subnet-0a1b i-0a1b eni-0a1b IPv4 eu-west-1 euw1-az1 - - - - "
            + direction + " 1 OK " + action + " " + flags + " 1767348000 1767348058 2 120 6 " + dstPort + " " + srcPort + " " + dst + " " + src + " " + dst + " " + src;
        var alerts = Check([
            header,
            Record("REJECT", "-", 2, "ingress", 41000, 9000, Web, Db),
            Record("ACCEPT", "-", 2, "egress", 41001, 443, Db, "203.0.113.7"),
        ]);
        Assert.Equal(["denied-attempt shop/web[Deployment] > shop/db[Deployment] TCP", "internet-egress shop/db[Deployment] > 203.0.113.7 TCP"],
            alerts.Select(Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_csv_with_quotes_crlf_and_a_byte_order_mark_is_read()
    {
        var alerts = Check([
            "\uFEFF\"time\",\"src_ip\",\"src_port\",\"dst_ip\",\"dst_port\",\"protocol\",\"bytes\",\"verdict\"\r",
            "\"2026-01-02T10:00:01Z\",\"10.244.1.5\",\"41000\",\"10.244.1.7\",\"9000\",\"TCP\",\"60\",\"DROPPED\"\r",
            "\"2026-01-02T10:00:02Z\",\"10.244.1.7\",\"41001\",\"203.0.113.7\",\"443\",\"6\",\"900\",\"FORWARDED\"\r",
        ]);
        Assert.Equal(["denied-attempt shop/web[Deployment] > shop/db[Deployment] TCP", "internet-egress shop/db[Deployment] > 203.0.113.7 TCP"],
            alerts.Select(Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_csv_header_naming_the_contracts_columns_in_another_order_is_followed()
    {
        var alerts = Check([
            "src_ip,dst_ip,src_port,dst_port,protocol,verdict,bytes,time",
            "10.244.1.5,10.244.1.7,41000,9000,TCP,DROPPED,60,2026-01-02T10:00:01Z",
            "10.244.1.7,203.0.113.7,41001,443,TCP,FORWARDED,900,2026-01-02T10:00:02Z",
        ]);
        Assert.Equal(["denied-attempt shop/web[Deployment] > shop/db[Deployment] TCP", "internet-egress shop/db[Deployment] > 203.0.113.7 TCP"],
            alerts.Select(Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_gcp_entry_naming_the_destinations_gke_pod_resolves_an_address_the_dump_lacks()
    {
        // db was rescheduled to 10.244.1.99 after the dump; the entry, reported by web's VM, names db's pod and workload.
        const string entry = """{"insertId":"x1","jsonPayload":{"reporter":"SRC","start_time":"2026-01-02T10:00:01Z","end_time":"2026-01-02T10:00:02Z","connection":{"src_ip":"10.244.1.5","dest_ip":"10.244.1.99","src_port":41000,"dest_port":9000,"protocol":6},"dest_gke_details":{"cluster":{"cluster_name":"prod","cluster_location":"us-central1"},"pod":{"pod_name":"db-def34-zzzzz","pod_namespace":"shop","pod_workload":{"workload_name":"db","workload_type":"DEPLOYMENT"}}},"bytes_sent":"60","packets_sent":"1"},"logName":"projects/p/logs/compute.googleapis.com%2Fvpc_flows","timestamp":"2026-01-02T10:00:10Z"}""";
        Assert.Equal(["denied-attempt shop/web[Deployment] > shop/db[Deployment] TCP"], Check([entry]).Select(Key));
    }

    [Fact]
    public void Csv_names_and_verdicts_in_lower_case_and_empty_ports_of_a_portless_protocol_are_read()
    {
        var alerts = Check([
            "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict",
            "2026-01-02T10:00:01Z,10.244.1.5,41000,10.244.1.7,9000,tcp,60,dropped",
            "2026-01-02T10:00:02Z,10.244.1.7,,203.0.113.7,,icmp,84,forwarded",
        ]);
        Assert.Equal(["denied-attempt shop/web[Deployment] > shop/db[Deployment] TCP", "internet-egress shop/db[Deployment] > 203.0.113.7 ICMP"],
            alerts.Select(Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Vpc_records_exported_from_cloudwatch_logs_with_their_event_time_in_front_are_read()
    {
        // A flow log published to CloudWatch Logs and exported to S3 (create-export-task) writes each event as its
        // timestamp and the record, without a header: the default format after the time.
        var alerts = Check([
            "2026-01-02T10:01:10.000Z 2 123456789012 eni-0a1b2c 10.244.1.7 203.0.113.7 41000 443 6 10 840 1767348000 1767348060 ACCEPT OK",
            "2026-01-02T10:01:10.000Z 2 123456789012 eni-0a1b2c 203.0.113.7 10.244.1.7 443 41000 6 10 840 1767348000 1767348060 ACCEPT OK",
            "2026-01-02T10:01:10.000Z 2 123456789012 eni-0a1b2c 10.244.1.5 10.244.1.7 41001 9000 6 2 120 1767348001 1767348060 REJECT OK",
        ]);
        var egress = Assert.Single(alerts, a => a.GetProperty("detector").GetString() == "internet-egress");
        Assert.Equal("2026-01-02T10:00:00Z", egress.GetProperty("first").GetString());
        Assert.Equal(["denied-attempt shop/web[Deployment] > shop/db[Deployment] TCP", "internet-egress shop/db[Deployment] > 203.0.113.7 TCP"],
            alerts.Select(Key).Order(StringComparer.Ordinal));
    }
    [Theory]
    [InlineData("2026-01-02T10:01:10.123000+00:00 eni-0a1b2c-all ")]
    [InlineData("2026-01-02T10:01:10 ")]
    public void Vpc_records_as_aws_logs_tail_prints_them_are_read(string prefix)
    {
        // `aws logs tail GROUP` prints each event as its time, its log stream (a flow log names it after the interface) and
        // the record; `--format short` as a time without its zone and the record. The record's own times are what count.
        var alerts = Check([
            prefix + "2 123456789012 eni-0a1b2c 10.244.1.7 203.0.113.7 41000 443 6 10 840 1767348000 1767348060 ACCEPT OK",
            prefix + "2 123456789012 eni-0a1b2c 203.0.113.7 10.244.1.7 443 41000 6 10 840 1767348000 1767348060 ACCEPT OK",
            prefix + "2 123456789012 eni-0a1b2c 10.244.1.5 10.244.1.7 41001 9000 6 2 120 1767348001 1767348060 REJECT OK",
        ]);
        var egress = Assert.Single(alerts, a => a.GetProperty("detector").GetString() == "internet-egress");
        Assert.Equal("2026-01-02T10:00:00Z", egress.GetProperty("first").GetString());
        Assert.Equal(["denied-attempt shop/web[Deployment] > shop/db[Deployment] TCP", "internet-egress shop/db[Deployment] > 203.0.113.7 TCP"],
            alerts.Select(Key).Order(StringComparer.Ordinal));
    }
    [Fact]
    public void Vpc_records_as_aws_logs_filter_log_events_answers_them_are_read()
    {
        // A flow log published to CloudWatch Logs, fetched with `aws logs filter-log-events --output json`: the records are
        // the events' messages.
        static string Event(string message) =>
            $$"""        {"logStreamName": "eni-0a1b2c-all", "timestamp": 1767348070000, "message": "{{message}}", "ingestionTime": 1767348075000, "eventId": "1"},""";
        var alerts = Check([
            "{",
            "    \"events\": [",
            Event("2 123456789012 eni-0a1b2c 10.244.1.7 203.0.113.7 41000 443 6 10 840 1767348000 1767348060 ACCEPT OK"),
            Event("2 123456789012 eni-0a1b2c 203.0.113.7 10.244.1.7 443 41000 6 10 840 1767348000 1767348060 ACCEPT OK"),
            Event("2 123456789012 eni-0a1b2c 10.244.1.5 10.244.1.7 41001 9000 6 2 120 1767348001 1767348060 REJECT OK").TrimEnd(','),
            "    ],",
            "    \"searchedLogStreams\": []",
            "}",
        ]);
        Assert.Equal(["denied-attempt shop/web[Deployment] > shop/db[Deployment] TCP", "internet-egress shop/db[Deployment] > 203.0.113.7 TCP"],
            alerts.Select(Key).Order(StringComparer.Ordinal));
    }
}

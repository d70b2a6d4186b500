using System.Net;
using Palisade.Flows;
using Palisade.Flows.Detection;

namespace Palisade.Core.Tests.Flows.Detection;

/// <summary>Records of one 5-tuple within the idle timeout are one connection; any difference in the tuple is another.</summary>
public sealed class ConnectionTrackerTests
{
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(2);

    private static FlowRecord Record(string from, int fromPort, string to, int toPort, int? protocol = FlowProtocols.Tcp, TcpFlags flags = TcpFlags.None) => new()
    {
        Time = Start,
        Flags = flags,
        Source = IPAddress.Parse(from),
        Destination = IPAddress.Parse(to),
        SourcePort = fromPort,
        DestinationPort = toPort,
        Protocol = protocol,
    };

    [Theory]
    [InlineData("10.0.0.1", "10.0.0.2")]
    [InlineData("fd00::1", "fd00::2")]
    [InlineData("10.0.0.1", "fd00::2")]
    public void A_tuple_seen_within_the_timeout_continues_its_connection(string from, string to)
    {
        var tracker = new ConnectionTracker(Idle);
        var record = Record(from, 40000, to, 80);
        Assert.True(tracker.IsNew(record, Start.UtcTicks));
        Assert.False(tracker.IsNew(record, Start.AddMinutes(1).UtcTicks));
        Assert.False(tracker.IsNew(record, Start.AddMinutes(2.5).UtcTicks));
        Assert.True(tracker.IsNew(record, Start.AddMinutes(5).UtcTicks));
    }

    [Theory]
    [InlineData("10.0.0.1", "10.0.0.2")]
    [InlineData("fd00::1", "fd00::2")]
    public void An_aggregated_record_continues_a_connection_from_the_previous_records_end(string from, string to)
    {
        // A long connection in VPC logs: one record per aggregation interval, each longer than the idle timeout.
        var tracker = new ConnectionTracker(Idle);
        FlowRecord Interval(double startMinutes, double endMinutes) => new()
        {
            Time = Start.AddMinutes(startMinutes),
            End = Start.AddMinutes(endMinutes),
            Source = IPAddress.Parse(from),
            Destination = IPAddress.Parse(to),
            SourcePort = 40000,
            DestinationPort = 80,
            Protocol = FlowProtocols.Tcp,
        };
        Assert.True(tracker.IsNew(Interval(0, 9.9), Start.UtcTicks));
        Assert.False(tracker.IsNew(Interval(10, 19.9), Start.AddMinutes(10).UtcTicks));
        Assert.False(tracker.IsNew(Interval(20.5, 29.9), Start.AddMinutes(20.5).UtcTicks));
        Assert.True(tracker.IsNew(Interval(40, 41), Start.AddMinutes(40).UtcTicks));
    }

    [Fact]
    public void Every_part_of_the_tuple_tells_connections_apart()
    {
        var tracker = new ConnectionTracker(Idle);
        var ticks = Start.UtcTicks;
        FlowRecord[] distinct =
        [
            Record("10.0.0.1", 40000, "10.0.0.2", 80),
            Record("10.0.0.2", 40000, "10.0.0.1", 80),
            Record("10.0.0.1", 40001, "10.0.0.2", 80),
            Record("10.0.0.1", 40000, "10.0.0.2", 81),
            Record("10.0.0.1", 40000, "10.0.0.2", 80, FlowProtocols.Udp),
            Record("10.0.0.1", 40000, "10.0.0.2", 80, null),
            Record("10.0.0.1", 40000, "10.0.0.2", 80, 255),
            Record("10.0.0.1", 40000, "10.0.0.2", 80, 254),
            Record("::ffff:10.0.0.3", 40000, "10.0.0.2", 80),
            Record("10.0.0.1", 65535, "10.0.0.2", 65535),
        ];
        Assert.All(distinct, r => Assert.True(tracker.IsNew(r, ticks), $"{r.Source}:{r.SourcePort} > {r.Destination}:{r.DestinationPort}/{r.Protocol}"));
        Assert.All(distinct, r => Assert.False(tracker.IsNew(r, ticks)));
        Assert.False(tracker.IsNew(Record("10.0.0.3", 40000, "10.0.0.2", 80), ticks));
    }

    [Fact]
    public void Records_without_ports_are_each_a_connection()
    {
        var tracker = new ConnectionTracker(Idle);
        var icmp = new FlowRecord { Time = Start, Source = IPAddress.Parse("10.0.0.1"), Destination = IPAddress.Parse("10.0.0.2"), Protocol = FlowProtocols.Icmp };
        Assert.True(tracker.IsNew(icmp, Start.UtcTicks));
        Assert.True(tracker.IsNew(icmp, Start.UtcTicks));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Aggregated_records_without_ports_are_one_exchange_when_both_ends_report_it(bool serverFirst)
    {
        // VPC logs of both interfaces, or GCP's of both VMs: one ping, reported over windows that differ by seconds.
        var tracker = new ConnectionTracker(Idle);
        FlowRecord Icmp(double startSeconds, double endSeconds) => new()
        {
            Time = Start.AddSeconds(startSeconds),
            End = Start.AddSeconds(endSeconds),
            Source = IPAddress.Parse("10.0.0.1"),
            Destination = IPAddress.Parse("10.0.0.2"),
            Protocol = FlowProtocols.Icmp,
        };
        var (client, server) = (Icmp(0, 60), Icmp(3, 63));
        var (first, second) = serverFirst ? (server, client) : (client, server);
        Assert.True(tracker.IsNew(first, first.Time.UtcTicks));
        Assert.False(tracker.IsNew(second, second.Time.UtcTicks));
        Assert.False(tracker.IsNew(Icmp(63, 123), Start.AddSeconds(63).UtcTicks));
        Assert.True(tracker.IsNew(Icmp(300, 360), Start.AddSeconds(300).UtcTicks));
    }

    [Fact]
    public void A_full_table_drops_idle_connections_first()
    {
        var tracker = new ConnectionTracker(Idle, capacity: 4);
        var old = Record("10.0.0.1", 40000, "10.0.0.2", 80);
        var recent = Record("10.0.0.1", 40001, "10.0.0.2", 80);
        tracker.IsNew(old, Start.UtcTicks);
        for (var port = 40002; port < 40004; port++)
            tracker.IsNew(Record("10.0.0.1", port, "10.0.0.2", 80), Start.AddMinutes(10).UtcTicks);
        tracker.IsNew(recent, Start.AddMinutes(10).UtcTicks);
        tracker.IsNew(Record("10.0.0.1", 40009, "10.0.0.2", 80), Start.AddMinutes(11).UtcTicks);
        Assert.False(tracker.IsNew(recent, Start.AddMinutes(11).UtcTicks));
    }

    [Fact]
    public void A_table_that_grows_forgets_nothing()
    {
        var tracker = new ConnectionTracker(Idle);
        var records = Enumerable.Range(0, 20_000).Select(i => Record($"10.0.{i / 250}.{i % 250}", 30000 + i % 7, "10.1.0.1", 8080)).ToArray();
        Assert.All(records, r => Assert.True(tracker.IsNew(r, Start.UtcTicks)));
        Assert.All(records, r => Assert.False(tracker.IsNew(r, Start.AddMinutes(1).UtcTicks)));
    }

    [Fact]
    public void A_full_table_of_busy_connections_starts_over()
    {
        var tracker = new ConnectionTracker(Idle, capacity: 3);
        var busy = Enumerable.Range(0, 3).Select(i => Record("10.0.0.1", 40000 + i, "10.0.0.2", 80)).ToArray();
        foreach (var record in busy)
            tracker.IsNew(record, Start.UtcTicks);
        Assert.True(tracker.IsNew(Record("10.0.0.1", 40009, "10.0.0.2", 80), Start.UtcTicks));
        Assert.All(busy, r => Assert.True(tracker.IsNew(r, Start.UtcTicks)));
    }

    [Fact]
    public void A_table_without_capacity_holds_the_last_connection_only()
    {
        var tracker = new ConnectionTracker(Idle, capacity: 0);
        var (a, b) = (Record("10.0.0.1", 40000, "10.0.0.2", 80), Record("10.0.0.1", 40001, "10.0.0.2", 80));
        Assert.True(tracker.IsNew(a, Start.UtcTicks));
        Assert.False(tracker.IsNew(a, Start.UtcTicks));
        Assert.True(tracker.IsNew(b, Start.UtcTicks));
        Assert.True(tracker.IsNew(a, Start.UtcTicks));
    }

    [Fact]
    public void A_long_stream_keeps_a_table_the_size_of_its_live_connections()
    {
        // 200,000 connections one second apart, each seen once: about 240 are live within twice the two-minute timeout.
        var tracker = new ConnectionTracker(Idle);
        for (var i = 0; i < 200_000; i++)
            tracker.IsNew(Record($"10.0.{i / 250 % 250}.{i % 250}", 30000 + i / 62_500, "10.1.0.1", 8080), Start.AddSeconds(i).UtcTicks);
        Assert.InRange(tracker.Slots, 1, 4096);
    }

    [Fact]
    public void Dropping_idle_connections_keeps_records_out_of_order_by_up_to_a_timeout_exact()
    {
        var tracker = new ConnectionTracker(Idle);
        var early = Record("10.2.0.1", 40000, "10.2.0.2", 80);
        Assert.True(tracker.IsNew(early, Start.UtcTicks));
        for (var i = 0; i < 20_000; i++)
            tracker.IsNew(Record($"10.0.{i / 250}.{i % 250}", 30000, "10.1.0.1", 8080), Start.Add(1.9 * Idle).UtcTicks);
        Assert.False(tracker.IsNew(early, Start.Add(0.9 * Idle).UtcTicks));
    }
    [Fact]
    public void A_syn_scan_keeps_a_table_the_size_of_its_live_probes_and_an_established_connection_outlives_it()
    {
        // One connection established, then 200,000 SYN probes one second apart: the probes go as they age, the connection
        // stays until its FIN, which ends it rather than opening another.
        var tracker = new ConnectionTracker(Idle);
        Assert.True(tracker.IsNew(Record("10.2.0.1", 40000, "10.2.0.2", 5432, flags: TcpFlags.Syn), Start.UtcTicks));
        Assert.False(tracker.IsNew(Record("10.2.0.1", 40000, "10.2.0.2", 5432, flags: TcpFlags.Ack), Start.UtcTicks));
        for (var i = 0; i < 200_000; i++)
            tracker.IsNew(Record($"10.0.{i / 250 % 250}.{i % 250}", 30000 + i / 62_500, "10.1.0.1", 8080, flags: TcpFlags.Syn), Start.AddSeconds(i).UtcTicks);
        Assert.InRange(tracker.Slots, 1, 4096);
        Assert.False(tracker.IsNew(Record("10.2.0.1", 40000, "10.2.0.2", 5432, flags: TcpFlags.Fin | TcpFlags.Ack), Start.AddSeconds(200_000).UtcTicks));
    }

    [Fact]
    public void A_stream_of_segments_whose_syns_were_never_recorded_keeps_a_table_the_size_of_its_live_connections()
    {
        // A capture of every ACK, starting mid-connection: 200,000 connections one second apart, none seen opening. Kept
        // open until their FIN, they would fill the table to its capacity.
        var tracker = new ConnectionTracker(Idle);
        for (var i = 0; i < 200_000; i++)
            tracker.IsNew(Record($"10.0.{i / 250 % 250}.{i % 250}", 30000 + i / 62_500, "10.1.0.1", 8080, flags: TcpFlags.Ack), Start.AddSeconds(i).UtcTicks);
        Assert.InRange(tracker.Slots, 1, 4096);
    }
}

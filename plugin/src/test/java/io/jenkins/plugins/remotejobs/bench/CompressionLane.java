package io.jenkins.plugins.remotejobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.remotejobs.bench.report.BenchReport;
import io.jenkins.plugins.remotejobs.bench.report.Row;
import io.jenkins.plugins.remotejobs.bench.report.Samples;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Would compressing text output before it crosses the channel pay? The same log-like bytes moved
 * from the agent to the controller through the remoting channel ({@code FilePath.copyTo}, Jenkins'
 * own stream over the channel, into a sink that keeps nothing), against gzip of those bytes on one
 * core of the agent, at Jenkins' default level (what {@code archiveArtifacts} and {@code stash}
 * use) and at the fastest. Compression pays only where gzip outruns the channel: a gzip rate below
 * the channel's (ratio under 1) means compressing alone takes longer than sending the raw bytes.
 */
final class CompressionLane implements Lane {

    @Override
    public void run(Bench b) throws Exception {
        BenchSettings s = b.settings();
        VirtualChannel channel = AgentOps.channel(b.agent(0));
        FilePath source = new FilePath(channel, b.data());
        List<Long> raw = new ArrayList<>();
        for (int i = 0; i <= s.bulkSamples(); i++) {
            CountingSink sink = new CountingSink();
            long t = System.nanoTime();
            source.copyTo(sink);
            long took = System.nanoTime() - t;
            assertThat(sink.count()).isEqualTo(s.bulkBytes());
            if (i > 0) {
                raw.add(took);
            }
        }
        Samples channelTime = new Samples(raw);
        long[] standard = channel.call(new AgentOps.TimedGzip(b.data(), Deflater.DEFAULT_COMPRESSION));
        long[] fastest = channel.call(new AgentOps.TimedGzip(b.data(), Deflater.BEST_SPEED));

        double mib = s.bulkBytes() / (double) (1 << 20);
        double channelRate = mib / channelTime.medianSeconds();
        BenchReport report = b.report();
        report.add(Row.info(
                "JC", s.mib() + " of text through the channel, agent -> controller", channelRate, "MiB/s", null));
        gzipRow(report, "gzip on one core, default level (6)", standard, mib, channelRate, s.bulkBytes());
        gzipRow(report, "gzip on one core, fastest level (1)", fastest, mib, channelRate, s.bulkBytes());
        report.series("JC.channel", channelTime.describeMillis());
        report.series("JC.gzip6", gzipSeries(standard, s.bulkBytes()));
        report.series("JC.gzip1", gzipSeries(fastest, s.bulkBytes()));
    }

    private static void gzipRow(
            BenchReport report, String what, long[] gzip, double mib, double channelRate, long bytes) {
        double rate = mib / (gzip[0] / 1e9);
        String metric = "  %s (compresses %.1f x), rate vs the channel's".formatted(what, bytes / (double) gzip[1]);
        report.add(Row.info("JC", metric, rate, "MiB/s", channelRate));
    }

    private static Map<String, Object> gzipSeries(long[] gzip, long bytes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("millis", Row.round(gzip[0] / 1e6));
        m.put("compressedBytes", gzip[1]);
        m.put("ratio", Row.round(bytes / (double) gzip[1]));
        return m;
    }
}

package dev.parley.bench.load;

import java.io.PrintStream;

/**
 * The load process of {@code parley bench}: synthetic participants in a JVM of their own, so the relay's process
 * carries only the relay and the bench's CPU is measured apart from it. Started by {@code parley bench} with the
 * bench, protocol and Netty jars on its class path; usable alone too:
 *
 * <pre>
 * java -cp 'parley/bundle/*' dev.parley.bench.load.LoadGenerator --host 127.0.0.1 --port 7000 --clients 30 --slow 5
 * </pre>
 *
 * Prints {@code MEASURE_START} and {@code MEASURE_END} at the edges of the measuring window and the result as
 * properties between {@code RESULT_BEGIN} and {@code RESULT_END} on standard output; progress on standard error.
 * Exits 0 when the run completed (whatever it measured), 1 when it could not run, 2 on a bad command line.
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    public static void main(String[] args) {
        LoadPlan plan;
        int threads = Integer.getInteger("parley.load.threads", Runtime.getRuntime().availableProcessors());
        try {
            plan = LoadPlan.parse(args);
        } catch (RuntimeException e) {
            System.err.println("parley load: " + e.getMessage());
            System.exit(2);
            return;
        }
        PrintStream out = System.out;
        try {
            LoadResult result = new LoadRun(plan, threads).run(out, System.err);
            out.println("RESULT_BEGIN");
            result.toProperties().store(out, null);
            out.println("RESULT_END");
            out.flush();
            System.exit(0);
        } catch (Exception e) {
            System.err.println("parley load: the run failed: " + e);
            System.exit(1);
        }
    }
}

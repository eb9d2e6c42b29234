package io.github.dl4jvae.scaleout.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** Spark in local mode for tests: {@code local[2]} (two task threads, the cores of the CI machine), no web UI. */
final class LocalSpark {
    private LocalSpark() {
    }

    static JavaSparkContext start(int threads) {
        return new JavaSparkContext(new SparkConf().setMaster("local[" + threads + "]").setAppName("vae-scaleout-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }
}

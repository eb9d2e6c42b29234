/**
 * Data for VAEs: a validating DataVec {@link org.datavec.api.records.reader.RecordReader} and writer for IDX
 * files (the MNIST format), the Fashion-MNIST locator with its embedded 5000/1000-image subset, the pixel
 * preprocessing a VAE needs (scaling to [0,1], static and seeded dynamic binarization, flat or
 * channels-first layout) and a CSV path for tabular data, all delivered as DL4J
 * {@link org.nd4j.linalg.dataset.api.iterator.DataSetIterator}s; start at {@link io.github.dl4jvae.data.VaeData}.
 */
package io.github.dl4jvae.data;

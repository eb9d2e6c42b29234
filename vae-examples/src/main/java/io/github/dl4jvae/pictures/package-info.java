/**
 * The pictures of a trained VAE, as PNG files: image grids of samples, reconstructions, interpolations and the
 * decoded latent manifold ({@link io.github.dl4jvae.pictures.ImageGrid}), and charts drawn with XChart: the
 * latent space coloured by class and the loss curves. {@link io.github.dl4jvae.pictures.RunPictures} writes the
 * set that {@code vae train} leaves behind. Everything renders off-screen ({@code java.awt.headless=true}).
 */
package io.github.dl4jvae.pictures;

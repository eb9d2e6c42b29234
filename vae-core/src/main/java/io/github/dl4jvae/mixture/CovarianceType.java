package io.github.dl4jvae.mixture;

/** The form of each mixture component's covariance matrix. */
public enum CovarianceType {
    /** A diagonal matrix: d variances per component, the dimensions independent within a component. */
    DIAGONAL,
    /** A full symmetric positive-definite d x d matrix per component. */
    FULL
}

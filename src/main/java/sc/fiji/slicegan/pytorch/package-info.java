/**
 * Generators in the published PyTorch SliceGAN's files (github.com/stke9/SliceGAN): {@code NAME_Gen.pt}, the state
 * dict in PyTorch's zip format, and {@code NAME_params.data}, a pickle of the layer lists
 * {@code [dk, ds, df, dp, gk, gs, gf, gp]}. Read into and written from this project's {@code ModelState}; pickles
 * through Pyrolite, zips through the JDK. No Python, no PyTorch.
 */
package sc.fiji.slicegan.pytorch;

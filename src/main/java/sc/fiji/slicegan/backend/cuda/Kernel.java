package sc.fiji.slicegan.backend.cuda;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a typed launcher in {@link Kernels} with the {@code extern "C" __global__} kernels it launches (several
 * when it picks one of a family by its arguments). Its parameters are the kernels' parameters, in order; a test
 * checks them against the .cu sources, and the module loads every kernel named here.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Kernel {

	String[] value();
}

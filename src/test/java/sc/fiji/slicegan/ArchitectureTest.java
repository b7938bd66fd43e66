package sc.fiji.slicegan;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import sc.fiji.slicegan.train.TrainingProgress;

/**
 * The layering DESIGN.md describes, checked on the compiled classes: no package cycles; the core (everything but
 * the user interfaces and the backend implementations) imports no ImageJ, AWT, SciJava, imglib2, ND4J or JavaCPP;
 * only the CPU backend imports ND4J, and only the backends import JavaCPP.
 */
class ArchitectureTest {

	private static final String ROOT = "sc.fiji.slicegan";
	/** The edges: user interfaces over ImageJ, and the native backends. */
	private static final String[] EDGES = { ROOT + ".fiji..", ROOT + ".ij..", ROOT + ".cli..", ROOT +
		".backend.nd4j..", ROOT + ".backend.cuda.." };

	static JavaClasses classes;

	@BeforeAll
	static void load() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(
			ROOT);
	}

	@Test
	void noPackageCycles() {
		slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void theCoreImportsNoUserInterfaceOrNativeLibrary() {
		noClasses().that().resideInAPackage(ROOT + "..").and().resideOutsideOfPackages(EDGES).should()
			.dependOnClassesThat().resideInAnyPackage("ij..", "java.awt..", "javax.swing..", "org.scijava..",
				"net.imglib2..", "org.nd4j..", "org.bytedeco..").check(classes);
	}

	@Test
	void onlyTheCpuBackendImportsNd4j() {
		noClasses().that().resideOutsideOfPackage(ROOT + ".backend.nd4j..").should().dependOnClassesThat()
			.resideInAPackage("org.nd4j..").check(classes);
	}

	@Test
	void onlyTheBackendsImportJavaCpp() {
		noClasses().that().resideOutsideOfPackages(ROOT + ".backend.nd4j..", ROOT + ".backend.cuda..").should()
			.dependOnClassesThat().resideInAPackage("org.bytedeco..").check(classes);
	}

	@Test
	void theUseCasesAreTheOnlyWayInFromTheUserInterfaces() {
		// the command line and Fiji assemble nothing themselves: no trainer, network, data or backend of their own
		// (they read a training iteration's losses to show them)
		noClasses().that().resideInAnyPackage(ROOT + ".cli..", ROOT + ".fiji..").should().dependOnClassesThat(
			resideInAnyPackage(ROOT + ".train..", ROOT + ".nn..", ROOT + ".backend..", ROOT + ".data..").and(not(
				equivalentTo(TrainingProgress.class)))).check(classes);
	}
}

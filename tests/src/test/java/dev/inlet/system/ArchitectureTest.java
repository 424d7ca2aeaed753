package dev.inlet.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.vertx.core.VerticleBase;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The design card's rules on the compiled code (the enforcer rule checks the same at the module level). */
class ArchitectureTest {

  private static final List<String> VERTICLE_PACKAGES = List.of(
      "dev.inlet.smpp", "dev.inlet.modem", "dev.inlet.pool", "dev.inlet.router", "dev.inlet.http", "dev.inlet.smsc");

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.inlet");

  @Test
  @DisplayName("no verticle package uses another verticle package: they talk over the bus only")
  void verticlesIndependent() {
    for (String own : VERTICLE_PACKAGES) {
      String[] others = VERTICLE_PACKAGES.stream().filter(p -> !p.equals(own)).map(p -> p + "..")
          .toArray(String[]::new);
      noClasses().that().resideInAPackage(own + "..")
          .should().dependOnClassesThat().resideInAnyPackage(others)
          .check(CLASSES);
    }
  }

  @Test
  @DisplayName("the shared module depends on no verticle and not on the node")
  void sharedStandsAlone() {
    noClasses().that().resideInAPackage("dev.inlet.shared..")
        .should().dependOnClassesThat().resideInAnyPackage(
            VERTICLE_PACKAGES.stream().map(p -> p + "..").toArray(String[]::new))
        .check(CLASSES);
  }

  @Test
  @DisplayName("every verticle extends VerticleBase")
  void verticleBase() {
    classes().that().haveSimpleNameEndingWith("Verticle").and().resideOutsideOfPackage("dev.inlet.shared..")
        .should().beAssignableTo(VerticleBase.class)
        .check(CLASSES);
  }
}

package dev.voiceengine.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the arrows of docs/ARCHITECTURE.md on the compiled classes of every module (server sees them all), so the
 * drawing and the code cannot drift: a module uses only the modules it points to, no module's packages import each
 * other in a cycle, and the heavy libraries stay in the module that owns them. Each module is its root package.
 * test-support (main code on this test classpath) is held too: it uses only proto, and no product code uses it.
 */
class ArchitectureTest {
  private static final String SERVER = "server";
  private static final String SIP = "sip-stack";
  private static final String MEDIA = "media-engine";
  private static final String CONVERSATION = "conversation";
  private static final String CONTROL = "control-api";
  private static final String PROVIDERS = "providers";
  private static final String PROTO = "proto";
  private static final String TEST_SUPPORT = "test-support";

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.voiceengine");
  }

  @Test
  void modulesUseOnlyTheModulesTheyPointTo() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer(SERVER).definedBy("dev.voiceengine.server..")
        .layer(SIP).definedBy("dev.voiceengine.sip..")
        .layer(MEDIA).definedBy("dev.voiceengine.media..")
        .layer(CONVERSATION).definedBy("dev.voiceengine.conversation..")
        .layer(CONTROL).definedBy("dev.voiceengine.control..")
        .layer(PROVIDERS).definedBy("dev.voiceengine.providers..")
        .layer(PROTO).definedBy("dev.voiceengine.proto..")
        .layer(TEST_SUPPORT).definedBy("dev.voiceengine.testsupport..")
        .whereLayer(SERVER).mayOnlyAccessLayers(SIP, MEDIA, CONVERSATION, CONTROL, PROVIDERS, PROTO)
        .whereLayer(CONVERSATION).mayOnlyAccessLayers(MEDIA, PROTO)
        .whereLayer(MEDIA).mayOnlyAccessLayers(PROTO)
        .whereLayer(CONTROL).mayOnlyAccessLayers(PROTO)
        .whereLayer(PROVIDERS).mayOnlyAccessLayers(PROTO)
        .whereLayer(SIP).mayNotAccessAnyLayer()
        .whereLayer(PROTO).mayNotAccessAnyLayer()
        .whereLayer(TEST_SUPPORT).mayOnlyAccessLayers(PROTO)
        .whereLayer(TEST_SUPPORT).mayNotBeAccessedByAnyLayer()
        .check(classes);
  }

  @Test
  void noPackagesImportEachOtherInACycle() {
    // Every package its own slice, a module's root package included (dev.voiceengine.media is "media").
    slices().matching("dev.voiceengine.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void onlySipStackTouchesTheSipStack() {
    noClasses().that().resideOutsideOfPackage("dev.voiceengine.sip..")
        .should().dependOnClassesThat().resideInAnyPackage("javax.sip..", "javax.sdp..", "gov.nist..")
        .check(classes);
  }

  @Test
  void theMediaCoreKnowsNoGrpcNoOnnxruntimeNoWebrtc() {
    noClasses().that().resideInAPackage("dev.voiceengine.media..")
        .should().dependOnClassesThat().resideInAnyPackage("io.grpc..", "ai.onnxruntime..", "dev.onvoid..")
        .check(classes);
  }
}

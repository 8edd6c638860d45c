package org.juicetokens.node;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.juicetokens.api.v1.ExtensionIdRequest;
import org.juicetokens.api.v1.ExtensionServiceGrpcClient;
import org.juicetokens.api.v1.ExtensionView;
import org.juicetokens.api.v1.ListExtensionsReply;
import org.juicetokens.api.v1.ListExtensionsRequest;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.crypto.Hex;
import org.juicetokens.extension.ManifestSigning;
import org.juicetokens.extension.PublisherKeyFile;
import org.juicetokens.extension.proto.Capability;
import org.juicetokens.extension.proto.ExtensionManifest;
import org.juicetokens.extension.proto.ExtensionState;
import org.juicetokens.extension.proto.SignedManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code bin/juice ext list|show|register|activate|pause|disable}: the ExtensionService over gRPC (see
 * {@link ApiClient}); {@code ext keygen} and {@code ext sign} work on local files only (a publisher's
 * key pair, a manifest as proto3 JSON of ExtensionManifest / SignedManifest).
 */
@Command(name = "ext", mixinStandardHelpOptions = true, description = "Extensions: register, list, show, activate, pause, disable; keygen and sign for publishers.",
  subcommands = {ExtCommand.ListAll.class, ExtCommand.Show.class, ExtCommand.Register.class, ExtCommand.Activate.class,
    ExtCommand.Pause.class, ExtCommand.Disable.class, ExtCommand.Keygen.class, ExtCommand.Sign.class})
final class ExtCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  static String line(ExtensionView e) {
    return e.getId() + " " + e.getVersion() + " " + e.getState() + (e.getReason().isEmpty() ? "" : " (" + e.getReason() + ")")
      + " — " + e.getName();
  }

  static String details(ExtensionView e) {
    String capabilities = e.getCapabilitiesList().stream().map(ExtCommand::capability).collect(Collectors.joining(", "));
    String usage = e.getUsage().getFieldsMap().entrySet().stream()
      .map(u -> u.getKey() + "=" + (u.getValue().hasNumberValue() ? trim(u.getValue().getNumberValue()) : u.getValue().getStringValue()))
      .sorted().collect(Collectors.joining(" "));
    return line(e)
      + "\n  publisher    " + e.getPublisherPublicKey()
      + "\n  entry class  " + e.getEntryClass() + (e.getJar().isEmpty() ? " (class path)" : " (jar " + e.getJar() + ")")
      + "\n  hooks        " + String.join(", ", e.getHooksList())
      + "\n  permissions  " + String.join(", ", e.getPermissionsList())
      + "\n  capabilities " + (capabilities.isEmpty() ? "none" : capabilities)
      + "\n  running      " + e.getRunning()
      + "\n  usage        " + (usage.isEmpty() ? "none yet" : usage);
  }

  private static String capability(Capability c) {
    return c.getName() + " [" + c.getImpact() + ", " + c.getRequires() + "]";
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  /** A manifest file: proto3 JSON of a SignedManifest (an object with "manifest") or of a bare ExtensionManifest. */
  static SignedManifest read(Path file) throws ApiClient.Failed {
    try {
      String json = Files.readString(file, StandardCharsets.UTF_8);
      if (new JsonObject(json).containsKey("manifest")) {
        SignedManifest.Builder signed = SignedManifest.newBuilder();
        JsonFormat.parser().merge(json, signed);
        return signed.build();
      }
      ExtensionManifest.Builder manifest = ExtensionManifest.newBuilder();
      JsonFormat.parser().merge(json, manifest);
      return SignedManifest.newBuilder().setManifest(manifest).build();
    } catch (InvalidProtocolBufferException | DecodeException | IllegalArgumentException e) {
      throw new ApiClient.Failed(ApiClient.EXIT_USAGE, file + " is not a manifest (proto3 JSON of ExtensionManifest or SignedManifest): "
        + e.getMessage());
    } catch (IOException e) {
      throw new ApiClient.Failed(ApiClient.EXIT_USAGE, "cannot read " + file + ": " + e.getMessage());
    }
  }

  static Ed25519.PrivateKey key(Path file) throws ApiClient.Failed {
    try {
      return PublisherKeyFile.read(file);
    } catch (IOException e) {
      throw new ApiClient.Failed(ApiClient.EXIT_USAGE, "cannot read key file " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ApiClient.Failed(ApiClient.EXIT_USAGE, e.getMessage());
    }
  }

  /** Runs a state change and says whether the extension reached {@code wanted} (exit 1 with its reason when not). */
  static int change(ApiClient client, io.vertx.grpc.common.ServiceMethod<ExtensionView, ExtensionIdRequest> method, String id,
                    ExtensionState wanted) {
    return client.run(vertx -> {
      ExtensionView view = client.call(vertx, method, ExtensionIdRequest.newBuilder().setId(id).build());
      if (client.json) {
        client.print(view);
      } else {
        client.out.println(line(view));
      }
      return view.getState() == wanted ? ApiClient.EXIT_OK : ApiClient.EXIT_REFUSED;
    });
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every registered extension with its state.")
  static final class ListAll implements Callable<Integer> {
    @Mixin
    ApiClient client;

    @Override
    public Integer call() {
      return client.call(ExtensionServiceGrpcClient.ListExtensions, ListExtensionsRequest.getDefaultInstance(), false,
        (ListExtensionsReply r) -> r.getExtensionsCount() == 0 ? "no extension registered"
          : r.getExtensionsList().stream().map(ExtCommand::line).collect(Collectors.joining("\n")));
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One extension: state, hooks, permissions, capabilities with impact, usage.")
  static final class Show implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      return client.call(ExtensionServiceGrpcClient.GetExtension, ExtensionIdRequest.newBuilder().setId(id).build(), false, ExtCommand::details);
    }
  }

  @Command(name = "register", mixinStandardHelpOptions = true, description = "Register a signed manifest (or sign it first with --sign-with).")
  static final class Register implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Option(names = "--manifest", required = true, paramLabel = "FILE", description = "proto3 JSON of a SignedManifest (or of an ExtensionManifest with --sign-with)")
    Path manifest;
    @Option(names = "--sign-with", paramLabel = "KEYFILE", description = "a publisher key file (ext keygen): signs the manifest before registering it")
    Path signWith;

    @Override
    public Integer call() {
      return client.run(vertx -> {
        SignedManifest signed = read(manifest);
        if (signWith != null) {
          signed = ManifestSigning.sign(signed.getManifest(), key(signWith));
        } else if (signed.getSignature().isEmpty()) {
          throw new ApiClient.Failed(ApiClient.EXIT_USAGE, manifest + " is not signed: sign it (ext sign) or pass --sign-with KEYFILE");
        }
        ExtensionView view = client.call(vertx, ExtensionServiceGrpcClient.RegisterExtension, signed);
        if (client.json) {
          client.print(view);
        } else {
          client.out.println("registered " + line(view));
        }
        return ApiClient.EXIT_OK;
      });
    }
  }

  @Command(name = "activate", mixinStandardHelpOptions = true, description = "Activate (or resume) an extension; exit 1 with the reason when it ends in ERROR.")
  static final class Activate implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      return change(client, ExtensionServiceGrpcClient.ActivateExtension, id, ExtensionState.ACTIVE);
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause an ACTIVE extension (no events until activated again).")
  static final class Pause implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      return change(client, ExtensionServiceGrpcClient.PauseExtension, id, ExtensionState.PAUSED);
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable an extension (stopped; activate brings it back).")
  static final class Disable implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      return change(client, ExtensionServiceGrpcClient.DisableExtension, id, ExtensionState.DISABLED);
    }
  }

  @Command(name = "keygen", mixinStandardHelpOptions = true, description = "Create a publisher key pair file (owner-only; the private key is never printed).")
  static final class Keygen implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the key file to create (never overwritten)")
    Path out;

    @Override
    public Integer call() {
      try {
        Ed25519.PrivateKey key = PublisherKeyFile.create(out);
        System.out.println("publisher key written to " + out + "; public key " + Hex.of(key.publicKey()));
        return ApiClient.EXIT_OK;
      } catch (FileAlreadyExistsException e) {
        System.err.println(out + " exists: not overwritten");
        return ApiClient.EXIT_USAGE;
      } catch (IOException e) {
        System.err.println("cannot write " + out + ": " + e.getMessage());
        return ApiClient.EXIT_USAGE;
      }
    }
  }

  @Command(name = "sign", mixinStandardHelpOptions = true, description = "Sign a manifest: prints the SignedManifest JSON (publisher key set to the key's).")
  static final class Sign implements Callable<Integer> {
    @Option(names = "--key", required = true, paramLabel = "KEYFILE", description = "a publisher key file (ext keygen)")
    Path keyFile;
    @Parameters(index = "0", paramLabel = "MANIFEST", description = "proto3 JSON of an ExtensionManifest (or a SignedManifest to sign again)")
    Path manifest;

    @Override
    public Integer call() {
      PrintStream out = System.out;
      try {
        SignedManifest signed = ManifestSigning.sign(read(manifest).getManifest(), key(keyFile));
        out.println(JsonFormat.printer().print(signed));
        return ApiClient.EXIT_OK;
      } catch (ApiClient.Failed f) {
        System.err.println(f.getMessage());
        return f.exit;
      } catch (InvalidProtocolBufferException e) {
        System.err.println("unprintable manifest: " + e.getMessage());
        return ApiClient.EXIT_USAGE;
      }
    }
  }
}

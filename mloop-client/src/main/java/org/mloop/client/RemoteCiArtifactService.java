package org.mloop.client;

import static org.mloop.client.RemoteJson.API;
import static org.mloop.client.RemoteJson.read;
import static org.mloop.client.RemoteJson.readList;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.ci.CiArtifactService;

/** The CI run artifacts of a workspace server (its {@code CiArtifactsApi}, /api/v1/ci); files stream both ways. */
record RemoteCiArtifactService(HttpTransport http) implements CiArtifactService {
  @Override
  public ArtifactFile write(String ci, int run, String name, String path, InputStream content) {
    return read(http.put(artifactPath(ci, run, name) + "/files/" + HttpTransport.relativePath(path),
        HttpRequest.BodyPublishers.ofInputStream(() -> content)), ArtifactFile.class);
  }

  @Override
  public List<String> list(String ci, int run) {
    List<String> names = new ArrayList<>();
    http.get(runPath(ci, run) + "/artifacts").path("artifacts").forEach(n -> names.add(n.asText()));
    return names;
  }

  @Override
  public List<ArtifactFile> listFiles(String ci, int run, String name) {
    return readList(http.get(artifactPath(ci, run, name)).path("files"), ArtifactFile.class);
  }

  @Override
  public InputStream open(String ci, int run, String name, String path) {
    return http.download(artifactPath(ci, run, name) + "/files/" + HttpTransport.relativePath(path));
  }

  @Override
  public void delete(String ci, int run, String name) {
    http.delete(artifactPath(ci, run, name));
  }

  private static String runPath(String ci, int run) {
    return API + "/ci/" + HttpTransport.segment(ci) + "/runs/" + run;
  }

  private static String artifactPath(String ci, int run, String name) {
    return runPath(ci, run) + "/artifacts/" + HttpTransport.segment(name);
  }
}

#!/usr/bin/env python3
"""registry.py DIR FAKES MKROOTFS PORTFILE: build critest's test images from
a busybox rootfs (MKROOTFS) plus the FAKES binary, then serve them as a
read-only OCI registry on 127.0.0.1 (a free port, written to PORTFILE) for
containerd's registry mirrors (critest's Image Manager tests pull and remove
their images; the other tests pull only what is missing)."""
import gzip, hashlib, http.server, io, json, os, shutil, subprocess, sys, tarfile

K8S = "registry.k8s.io/e2e-test-images/"
GCR = "gcr.io/k8s-staging-cri-tools/"
WEB = "/usr/sbin/nginx"
# name(s), Cmd, User, a label that makes the image distinct
IMAGES = [
    ([K8S + "busybox:1.29-2"], ["sh"], "", ""),
    (["registry.k8s.io/pause:3.6"], ["/pause"], "", ""),
    ([K8S + "nginx:1.14-2"], [WEB, "80", "nginx: master process nginx -g daemon off;"], "", ""),
    ([K8S + "httpd:2.4.39-4"], [WEB, "80", "httpd -D FOREGROUND"], "", ""),
    ([GCR + "hostnet-nginx-amd64"], [WEB, "12003"], "", ""),
    ([K8S + "nonewprivs:1.3"], ["/usr/local/bin/nnp"], "", ""),
    ([GCR + "test-image-user-uid"], ["sh"], "1002", ""),
    ([GCR + "test-image-user-username"], ["sh"], "www-data", ""),
    ([GCR + "test-image-user-uid-group"], ["sh"], "1003:1003", ""),
    ([GCR + "test-image-user-username-group"], ["sh"], "www-data:www-data", ""),
    ([GCR + "test-image-predefined-group"], ["sh"], "1000", ""),
    ([GCR + "test-image-latest", GCR + "test-image-tag:test", GCR + "test-image-tag:all"], ["sh"], "", "t"),
    ([GCR + "test-image-1:latest"], ["sh"], "", "1"),
    ([GCR + "test-image-2:latest"], ["sh"], "", "2"),
    ([GCR + "test-image-3:latest"], ["sh"], "", "3"),
    ([GCR + "test-image-tags:1", GCR + "test-image-tags:2", GCR + "test-image-tags:3"], ["sh"], "", "tags"),
]
blobs, manifests = {}, {}


def put(data):
    d = "sha256:" + hashlib.sha256(data).hexdigest()
    blobs[d] = data
    return d


def rootfs(top, fakes, mkrootfs):
    r = os.path.join(top, "rootfs")
    subprocess.check_call(["sh", mkrootfs, r])
    with open(os.path.join(r, "etc/passwd"), "a") as f:
        f.write("www-data:x:33:33:www-data:/var/www:/bin/sh\n"
                "default-user:x:1000:1000::/home/default-user:/bin/sh\n")
    with open(os.path.join(r, "etc/group"), "a") as f:
        f.write("www-data:x:33:\ndefault-user:x:1000:\n"
                "group-defined-in-image:x:50000:default-user\n")
    for d in ["usr/bin", "usr/sbin", "usr/local/bin", "var/run", "var/www", "home/default-user"]:
        os.makedirs(os.path.join(r, d), exist_ok=True)
    # busybox's image has hard links: masking /bin/ls must not mask busybox
    bindir = os.path.join(r, "bin")
    for e in os.listdir(bindir):
        p = os.path.join(bindir, e)
        if os.path.islink(p):
            os.unlink(p)
            os.link(os.path.join(bindir, "busybox"), p)
    os.unlink(os.path.join(bindir, "sh"))
    for dest in ["bin/sh", "usr/sbin/nginx", "usr/local/bin/nnp", "usr/bin/ipcs", "pause"]:
        shutil.copy(fakes, os.path.join(r, dest))
    os.chmod(os.path.join(r, "usr/local/bin/nnp"), 0o4755)
    with open(os.path.join(r, "usr/bin/pgrep"), "w") as f:
        f.write('#!/bin/sh\nr=1\nfor p in /proc/[0-9]*; do\n'
                '\t[ "$(cat $p/comm 2>/dev/null)" = "$1" ] && echo ${p#/proc/} && r=0\ndone\nexit $r\n')
    os.chmod(os.path.join(r, "usr/bin/pgrep"), 0o755)
    return r


def layer(r):
    raw = io.BytesIO()

    def owner(ti):
        ti.uid = ti.gid = 0
        ti.uname = ti.gname = "root"
        return ti
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as t:
        for e in sorted(os.listdir(r)):
            t.add(os.path.join(r, e), arcname=e, filter=owner)
    raw = raw.getvalue()
    gz = gzip.compress(raw, mtime=0)
    return put(gz), len(gz), "sha256:" + hashlib.sha256(raw).hexdigest()


def image(names, lay, cmd, user, label):
    digest, size, diffid = lay
    cfg = json.dumps({"architecture": "amd64", "os": "linux",
                      "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                                 "Cmd": cmd, "User": user, "Labels": {"critest": label} if label else {}},
                      "rootfs": {"type": "layers", "diff_ids": [diffid]}}, sort_keys=True).encode()
    man = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                      "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                                 "digest": put(cfg), "size": len(cfg)},
                      "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                                  "digest": digest, "size": size}]}, sort_keys=True).encode()
    md = put(man)
    for n in names:
        repo, tag = n.split("/", 1)[1], "latest"
        if ":" in repo.split("/")[-1]:
            repo, tag = repo.rsplit(":", 1)
        manifests[(repo, tag)] = manifests[(repo, md)] = (md, man)


class Registry(http.server.BaseHTTPRequestHandler):
    def answer(self, body):
        path = self.path.split("?")[0]
        found = None
        if path in ("/v2", "/v2/"):
            found = (None, b"{}", "application/json")
        elif "/manifests/" in path:
            m = manifests.get(tuple(path[4:].split("/manifests/")))
            if m:
                found = (m[0], m[1], "application/vnd.oci.image.manifest.v1+json")
        elif "/blobs/" in path:
            d = path.split("/blobs/")[1]
            if d in blobs:
                found = (d, blobs[d], "application/octet-stream")
        digest, data, ctype = found or (None, b'{"errors":[{"code":"NAME_UNKNOWN"}]}', "application/json")
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        if digest:
            self.send_header("Docker-Content-Digest", digest)
        self.end_headers()
        if body:
            self.wfile.write(data)

    def do_GET(self):
        self.answer(True)

    def do_HEAD(self):
        self.answer(False)

    def log_message(self, *args):
        pass


def main():
    top, fakes, mkrootfs, portfile = sys.argv[1:5]
    lay = layer(rootfs(top, fakes, mkrootfs))
    for names, cmd, user, label in IMAGES:
        image(names, lay, cmd, user, label)
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Registry)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(portfile + ".tmp", portfile)
    srv.serve_forever()


if __name__ == "__main__":
    main()

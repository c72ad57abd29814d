#!/usr/bin/python3
"""A local vantage6-compatible server for tests and the README demo (Python 3 standard library only).

It reproduces the parts of the vantage6 4.14 REST API that publishing an organization key needs, with the
status codes and bodies observed against a real server (docs: vantage6-protocol.md, appendix D), plus a
Keycloak-style client-credentials endpoint for the 5.x node flow and fault knobs for tests.

Start:   /usr/bin/python3 tests/support/v6server.py --seed world.json [options]
Output:  the first line on stdout is exactly `listening 127.0.0.1 PORT` (PORT: the ephemeral port bound),
         or `listening-tls 127.0.0.1 PORT` in HTTPS mode. Nothing else is printed on stdout.
Stops:   on SIGTERM/SIGINT, or when stdin reaches end of file if --exit-on-stdin-eof is given (so a test
         that dies cannot leave the server running).

Seed data (--seed FILE, or --seed-json TEXT; the command-line options below add to it):
  {
    "organizations":  [{"id": 1, "name": "org-alpha", "public_key": ""}],
    "collaborations": [{"id": 1, "name": "collab", "organizations": [1, 2], "encrypted": true}],
    "nodes":  [{"id": 3, "organization": 1, "collaboration": 1, "api_key": "<uuid>", "name": "alpha"}],
    "users":  [{"id": 2, "organization": 1, "username": "alice", "password": "...",
                "mfa": "off" | "setup" | "on", "mfa_code": "123456", "edit_own_organization": true}]
  }
  Nodes and users share one id sequence, as in vantage6. A node with a "name" can also log in through
  the Keycloak endpoint as client "<name>-node-client" with its api_key as the client secret (5.x flow).
  "mfa": "setup" answers a login with the MFA set-up body (no token); "on" requires "mfa_code".
Command-line seed options (repeatable):
  --organization ID:NAME
  --node ID:ORG_ID:API_KEY[:NAME]          (collaboration: the first one holding ORG_ID, if any)
  --user ID:ORG_ID:USERNAME:PASSWORD       (no MFA, may edit its own organization)

Fault knobs: as options at start-up, or per test with `POST /_control` and a JSON object holding any of
  delay_ms             sleep this long before answering every request
  fail_next            answer the next N requests with fail_status (default 503) and a JSON msg
  fail_status
  drop_next            close the connection of the next N requests without answering
  malformed_next       answer the next N requests with 200 and a truncated JSON body
  huge_next            answer the next N requests with 200 and a JSON-looking body of huge_bytes bytes
  huge_bytes           (default 32 MiB)
  token_lifetime_s     lifetime of access tokens issued from now on (default 21600, as vantage6)
  clear_log            true: forget the request log
`GET /_control` returns the knobs and the request log: {"knobs": {...}, "requests": [{"method", "path",
"status"}, ...]}. Control requests are neither faulted nor logged. Paths under /_control cannot collide
with the API, which lives under /api.

HTTPS: --tls-cert FILE --tls-key FILE (PEM). Tests make a throwaway CA and server certificate with the
openssl command at test time.
"""

import argparse
import base64
import binascii
import hashlib
import hmac
import json
import os
import signal
import ssl
import sys
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

VERSION = "4.14.0"
REFRESH_LIFETIME_S = 48 * 3600
DEFAULT_ACCESS_LIFETIME_S = 6 * 3600


class ApiError(Exception):
    """An answer other than success; compact=True mimics the JWT layer's compact bodies."""

    def __init__(self, status, body, compact=False):
        super().__init__(body.get("msg", ""))
        self.status = status
        self.body = body
        self.compact = compact


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class World:
    """Seed data plus the mutable state (stored public keys), guarded by one lock."""

    def __init__(self, seed):
        self.lock = threading.Lock()
        self.organizations = {o["id"]: dict(o) for o in seed.get("organizations", [])}
        self.keys = {}
        for org in self.organizations.values():
            self.keys[org["id"]] = base64.b64decode(org.pop("public_key", "") or "")
        self.collaborations = {c["id"]: c for c in seed.get("collaborations", [])}
        self.nodes = {n["id"]: n for n in seed.get("nodes", [])}
        self.users = {u["id"]: u for u in seed.get("users", [])}
        shared = set(self.nodes) & set(self.users)
        if shared:
            raise SystemExit(f"v6server: nodes and users share one id sequence; ids used twice: {sorted(shared)}")
        for node in self.nodes.values():
            node.setdefault("collaboration", self.first_collaboration_of(node["organization"]))
            node.setdefault("keycloak_id", str(uuid.uuid4()))

    def first_collaboration_of(self, org_id):
        for collab in self.collaborations.values():
            if org_id in collab.get("organizations", []):
                return collab["id"]
        return None

    def organization_json(self, org_id):
        org = self.organizations[org_id]
        body = {
            "public_key": base64.b64encode(self.keys[org_id]).decode("ascii"),
            "id": org_id,
            "name": org.get("name", f"org-{org_id}"),
            "domain": org.get("domain"),
            "address1": org.get("address1"),
            "address2": org.get("address2"),
            "zipcode": org.get("zipcode"),
            "country": org.get("country"),
        }
        for link in ("nodes", "users"):
            body[link] = f"/api/{link[:-1]}?organization_id={org_id}"
        for link in ("studies", "collaborations", "runs"):
            body[link] = f"/api/{link[:-1] if link != 'studies' else 'study'}?organization_id={org_id}"
        body["tasks"] = f"/api/task?init_org_id={org_id}"
        return body

    def shares_collaboration(self, org_a, org_b):
        return any(org_a in c.get("organizations", []) and org_b in c.get("organizations", [])
                   for c in self.collaborations.values())


class Knobs:
    DEFAULTS = {"delay_ms": 0, "fail_next": 0, "fail_status": 503, "drop_next": 0, "malformed_next": 0,
                "huge_next": 0, "huge_bytes": 32 * 1024 * 1024, "token_lifetime_s": DEFAULT_ACCESS_LIFETIME_S}

    def __init__(self):
        self.lock = threading.Lock()
        self.values = dict(self.DEFAULTS)
        self.log = []

    def update(self, changes):
        with self.lock:
            if changes.pop("clear_log", False):
                self.log.clear()
            unknown = set(changes) - set(self.DEFAULTS)
            if unknown:
                raise ApiError(400, {"msg": f"unknown control knobs: {sorted(unknown)}"})
            for name, value in changes.items():
                if not isinstance(value, int) or value < 0:
                    raise ApiError(400, {"msg": f"control knob {name} must be a non-negative integer"})
                self.values[name] = value

    def take(self, name):
        """Consumes one unit of a 'next N requests' knob; True when this request is affected."""
        with self.lock:
            if self.values[name] > 0:
                self.values[name] -= 1
                return True
            return False

    def get(self, name):
        with self.lock:
            return self.values[name]

    def record(self, method, path, status):
        with self.lock:
            self.log.append({"method": method, "path": path, "status": status})

    def snapshot(self):
        with self.lock:
            return {"knobs": dict(self.values), "requests": list(self.log)}


class Tokens:
    """HS256 JWTs shaped like flask-jwt-extended's, signed with a per-process random secret."""

    def __init__(self, knobs):
        self.secret = os.urandom(32)
        self.knobs = knobs

    def sign(self, payload):
        header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
        body = b64url(json.dumps(payload).encode())
        signature = hmac.new(self.secret, f"{header}.{body}".encode(), hashlib.sha256).digest()
        return f"{header}.{body}.{b64url(signature)}"

    def make(self, sub, client_type, token_type, lifetime, extra=None):
        now = int(time.time())
        payload = {"fresh": False, "iat": now, "jti": str(uuid.uuid4()), "type": token_type, "sub": sub,
                   "nbf": now, "csrf": str(uuid.uuid4()), "exp": now + lifetime,
                   "client_type": client_type, "roles": []}
        payload.update(extra or {})
        return self.sign(payload)

    def pair(self, sub, client_type):
        return (self.make(sub, client_type, "access", self.knobs.get("token_lifetime_s")),
                self.make(sub, client_type, "refresh", REFRESH_LIFETIME_S))

    def verify(self, token):
        parts = token.split(".")
        if len(parts) != 3:
            raise ApiError(422, {"msg": "Not enough segments"}, compact=True)
        expected = hmac.new(self.secret, f"{parts[0]}.{parts[1]}".encode(), hashlib.sha256).digest()
        try:
            valid = hmac.compare_digest(expected, b64url_decode(parts[2]))
            payload = json.loads(b64url_decode(parts[1]))
        except (binascii.Error, ValueError):
            raise ApiError(422, {"msg": "Signature verification failed"}, compact=True)
        if not valid:
            raise ApiError(422, {"msg": "Signature verification failed"}, compact=True)
        if payload.get("exp", 0) <= time.time():
            raise ApiError(401, {"msg": "Token has expired"}, compact=True)
        return payload


class Api:
    """The REST resources. Each handler returns (status, body) or raises ApiError."""

    def __init__(self, world, tokens, realm):
        self.world = world
        self.tokens = tokens
        self.realm = realm

    # -- authentication -------------------------------------------------------------------------------
    def bearer(self, headers, wanted_type):
        value = headers.get("Authorization")
        if not value:
            raise ApiError(401, {"msg": "Missing Authorization Header"}, compact=True)
        if not value.startswith("Bearer "):
            raise ApiError(401, {"msg": "Missing 'Bearer' type in 'Authorization' header. "
                                        "Expected 'Authorization: Bearer <JWT>'"}, compact=True)
        claims = self.tokens.verify(value[len("Bearer "):])
        if claims.get("type") != wanted_type:
            text = "Only refresh tokens are allowed" if wanted_type == "refresh" \
                else "Only non-refresh tokens are allowed"
            raise ApiError(422, {"msg": text}, compact=True)
        return claims

    def caller(self, headers):
        """(client_type, id, organization id) of the access token's owner."""
        claims = self.bearer(headers, "access")
        if claims.get("client_type") == "keycloak-node":
            node = next((n for n in self.world.nodes.values() if n["keycloak_id"] == claims["sub"]), None)
            if node is None:
                raise ApiError(401, {"msg": "Unknown Keycloak service account"}, compact=True)
            return "node", node["id"], node["organization"]
        ident = claims.get("sub")
        table = self.world.nodes if claims.get("client_type") == "node" else self.world.users
        if ident not in table:
            raise ApiError(401, {"msg": "Identity of the token no longer exists"}, compact=True)
        return claims["client_type"], ident, table[ident]["organization"]

    def token_answer(self, sub, client_type, url_key):
        access, refresh = self.tokens.pair(sub, client_type)
        body = {"access_token": access, "refresh_token": refresh, "refresh_url": "/api/token/refresh",
                url_key: f"/api/{client_type}/{sub}"}
        return 200, body, {"jwt-token": access}

    def post_token_node(self, body, headers):
        api_key = body.get("api_key") if isinstance(body, dict) else None
        if api_key is None:
            raise ApiError(400, {"msg": "Request body is incorrect",
                                 "errors": {"api_key": ["Missing data for required field."]}})
        try:
            uuid.UUID(str(api_key))
        except ValueError:
            raise ApiError(400, {"msg": "Request body is incorrect",
                                 "errors": {"api_key": ["API key is not a valid UUID"]}})
        node = next((n for n in self.world.nodes.values() if n["api_key"] == api_key), None)
        if node is None:
            raise ApiError(401, {"msg": "Api key is not recognized!"})
        return self.token_answer(node["id"], "node", "node_url")

    def post_token_user(self, body, headers):
        if not isinstance(body, dict) or "username" not in body or "password" not in body:
            raise ApiError(400, {"msg": "Request body is incorrect",
                                 "errors": {"username": ["Missing data for required field."]}})
        user = next((u for u in self.world.users.values() if u["username"] == body["username"]), None)
        if user is None or not hmac.compare_digest(str(user["password"]), str(body["password"])):
            raise ApiError(401, {"msg": "Failed to login"})
        mfa = user.get("mfa", "off")
        if mfa == "setup":
            secret = base64.b32encode(os.urandom(20)).decode()
            return 200, {"qr_uri": f"otpauth://totp/vantage6:{user['username']}?secret={secret}",
                         "otp_secret": secret,
                         "msg": "Please scan the QR code with your authenticator app"}
        if mfa == "on":
            code = body.get("mfa_code")
            if not code:
                return 200, {"msg": "Please include your two-factor authentication code"}
            if not hmac.compare_digest(str(code), str(user.get("mfa_code", ""))):
                raise ApiError(401, {"msg": "Your two-factor authentication code is incorrect!"})
        return self.token_answer(user["id"], "user", "user_url")

    def post_token_refresh(self, body, headers):
        claims = self.bearer(headers, "refresh")
        status, answer, extra = self.token_answer(claims["sub"], claims["client_type"],
                                                  f"{claims['client_type']}_url")
        return status, answer, extra

    def keycloak_token(self, realm, form):
        if realm != self.realm:
            raise ApiError(404, {"error": "Realm does not exist"})
        if form.get("grant_type") != "client_credentials":
            raise ApiError(400, {"error": "unsupported_grant_type",
                                 "error_description": "Unsupported grant_type"})
        client_id = form.get("client_id", "")
        node = next((n for n in self.world.nodes.values()
                     if n.get("name") and f"{n['name']}-node-client" == client_id), None)
        if node is None or not hmac.compare_digest(node["api_key"], form.get("client_secret", "")):
            raise ApiError(401, {"error": "unauthorized_client",
                                 "error_description": "Invalid client or Invalid client credentials"})
        lifetime = self.tokens.knobs.get("token_lifetime_s")
        token = self.tokens.make(node["keycloak_id"], "keycloak-node", "access", lifetime,
                                 {"azp": client_id, "iss": f"/realms/{realm}"})
        return 200, {"access_token": token, "expires_in": lifetime, "refresh_expires_in": 0,
                     "token_type": "Bearer", "not-before-policy": 0, "scope": "profile email"}

    # -- resources ------------------------------------------------------------------------------------
    def get_version(self, headers):
        return 200, {"version": VERSION}

    def get_health(self, headers):
        return 200, {"database": True}

    def node_json(self, node):
        body = {"type": "node", "id": node["id"], "config": [],
                "organization": {"id": node["organization"],
                                 "link": f"/api/organization/{node['organization']}",
                                 "methods": ["GET", "PATCH", "DELETE"]},
                "name": node.get("name", f"node-{node['id']}"), "ip": None,
                "last_seen": time.strftime("%Y-%m-%dT%H:%M:%S"), "status": None}
        collab = node.get("collaboration")
        body["collaboration"] = None if collab is None else {
            "id": collab, "link": f"/api/collaboration/{collab}", "methods": ["GET", "PATCH", "DELETE"]}
        return body

    def get_node(self, ident, headers):
        client_type, caller_id, caller_org = self.caller(headers)
        if ident == "me":
            if client_type != "node":
                raise ApiError(400, {"msg": "Only nodes can use the /node/me endpoint"})
            ident = caller_id
        node = self.world.nodes.get(ident)
        if node is None:
            raise ApiError(404, {"msg": f"Node with id={ident} not found!"})
        if node["organization"] != caller_org and not self.world.shares_collaboration(node["organization"],
                                                                                       caller_org):
            raise ApiError(401, {"msg": "You lack the permission to do that!"})
        return 200, self.node_json(node)

    def get_user(self, ident, headers):
        client_type, caller_id, caller_org = self.caller(headers)
        user = self.world.users.get(ident)
        if user is None:
            raise ApiError(404, {"msg": f"User id={ident} is not found!"})
        if user["organization"] != caller_org:
            raise ApiError(401, {"msg": "You lack the permission to do that!"})
        return 200, {"id": ident, "username": user["username"], "firstname": None, "lastname": None,
                     "email": f"{user['username']}@example.org",
                     "organization": {"id": user["organization"],
                                      "link": f"/api/organization/{user['organization']}",
                                      "methods": ["GET", "PATCH", "DELETE"]}}

    def get_organization(self, ident, headers):
        _, _, caller_org = self.caller(headers)
        with self.world.lock:
            if ident not in self.world.organizations:
                raise ApiError(404, {"msg": f"Organization id={ident} not found!"})
            if ident != caller_org and not self.world.shares_collaboration(ident, caller_org):
                raise ApiError(401, {"msg": "You do not have permission to do that!"})
            return 200, self.world.organization_json(ident)

    def may_edit(self, client_type, caller_id, caller_org, ident):
        if ident != caller_org:
            return False
        return client_type == "node" or self.world.users[caller_id].get("edit_own_organization", False)

    def patch_organization(self, ident, body, headers):
        client_type, caller_id, caller_org = self.caller(headers)
        with self.world.lock:
            if ident not in self.world.organizations:
                raise ApiError(404, {"msg": f"Organization with id={ident} not found"})
            if not self.may_edit(client_type, caller_id, caller_org, ident):
                raise ApiError(401, {"msg": "You lack the permission to do that!"})
            value = body.get("public_key") if isinstance(body, dict) else None
            if value is not None and not isinstance(value, str):
                raise ApiError(400, {"msg": "Request body is incorrect",
                                     "errors": {"public_key": ["Not a valid string."]}})
            if value is not None:
                try:
                    # The lenient decode vantage6 itself uses: stray characters are dropped.
                    self.world.keys[ident] = base64.b64decode(value)
                except binascii.Error:
                    raise ApiError(500, {"msg": "An unexpected error occurred on the server!"}, compact=True)
            return 200, self.world.organization_json(ident)


def parse_id(text):
    return int(text) if text.isdigit() else None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "v6server"

    def log_message(self, fmt, *args):
        pass  # stdout carries only the "listening" line; tests read the request log through /_control

    # -- plumbing -------------------------------------------------------------------------------------
    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def send_json(self, status, body, compact=False, extra_headers=None):
        separators = (",", ":") if compact else (", ", ": ")
        data = json.dumps(body, separators=separators).encode()
        self.send_raw(status, data, extra_headers)

    def logged(self, status):
        # Logged before answering, so a client that reads the log right after its answer finds the entry.
        if self.logging:
            self.server.knobs.record(self.command, urllib.parse.urlsplit(self.path).path, status)

    def send_raw(self, status, data, extra_headers=None):
        self.logged(status)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (extra_headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def send_huge(self, size):
        self.logged(200)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        chunk = b" " * 65536
        sent = 0
        try:
            while sent < size:
                piece = chunk[: min(len(chunk), size - sent)]
                self.wfile.write(piece)
                sent += len(piece)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up reading, which is what a size limit should make it do
        self.close_connection = True

    def apply_faults(self):
        """Returns True when a fault answered (or dropped) the request."""
        knobs = self.server.knobs
        delay = knobs.get("delay_ms")
        if delay:
            time.sleep(delay / 1000)
        if knobs.take("drop_next"):
            self.logged(0)
            self.close_connection = True
            return True
        if knobs.take("fail_next"):
            self.send_json(knobs.get("fail_status"), {"msg": "Service temporarily unavailable (injected fault)"})
            return True
        if knobs.take("malformed_next"):
            self.send_raw(200, b'{"access_token": "abc", "organization": {"id": ')
            return True
        if knobs.take("huge_next"):
            self.send_huge(knobs.get("huge_bytes"))
            return True
        return False

    # -- dispatch -------------------------------------------------------------------------------------
    def do_GET(self):
        self.handle_request("GET")

    def do_POST(self):
        self.handle_request("POST")

    def do_PATCH(self):
        self.handle_request("PATCH")

    def handle_request(self, method):
        path = urllib.parse.urlsplit(self.path).path
        raw = self.read_body()
        self.logging = not path.startswith("/_control")
        if not self.logging:
            self.handle_control(method, raw)
        elif not self.apply_faults():
            self.route(method, path, raw)

    def handle_control(self, method, raw):
        try:
            if method == "POST":
                self.server.knobs.update(json.loads(raw or b"{}"))
            self.send_json(200, self.server.knobs.snapshot())
        except (ValueError, AttributeError):
            self.send_json(400, {"msg": "control body must be a JSON object of knobs"})
        except ApiError as error:
            self.send_json(error.status, error.body)

    def json_body(self, raw):
        if self.headers.get_content_type() != "application/json":
            raise ApiError(400, {"msg": "Request body is incorrect",
                                 "errors": {"_schema": ["Content-Type must be application/json"]}})
        try:
            return json.loads(raw or b"null")
        except ValueError:
            raise ApiError(400, {"msg": "The browser (or proxy) sent a request that this server could not "
                                        "understand."})

    def route(self, method, path, raw):
        api = self.server.api
        parts = [p for p in path.split("/") if p]
        try:
            result = self.dispatch(api, method, parts, raw)
        except ApiError as error:
            self.send_json(error.status, error.body, compact=error.compact)
            return
        status, body = result[0], result[1]
        self.send_json(status, body, extra_headers=result[2] if len(result) > 2 else None)

    def dispatch(self, api, method, parts, raw):
        if len(parts) == 5 and parts[0] == "realms" and parts[2:] == ["protocol", "openid-connect", "token"] \
                and method == "POST":
            form = dict(urllib.parse.parse_qsl(raw.decode("utf-8", "replace")))
            return api.keycloak_token(parts[1], form)
        if not parts or parts[0] != "api":
            raise ApiError(404, {"msg": "Not found"})
        route = tuple(parts[1:])
        if method == "GET" and route == ("version",):
            return api.get_version(self.headers)
        if method == "GET" and route == ("health",):
            return api.get_health(self.headers)
        if method == "POST" and route == ("token", "node"):
            return api.post_token_node(self.json_body(raw), self.headers)
        if method == "POST" and route == ("token", "user"):
            return api.post_token_user(self.json_body(raw), self.headers)
        if method == "POST" and route == ("token", "refresh"):
            return api.post_token_refresh(None, self.headers)
        if len(route) == 2 and method == "GET" and route[0] == "node" and (route[1] == "me" or parse_id(route[1]) is not None):
            return api.get_node("me" if route[1] == "me" else parse_id(route[1]), self.headers)
        if len(route) == 2 and method == "GET" and route[0] == "user" and parse_id(route[1]) is not None:
            return api.get_user(parse_id(route[1]), self.headers)
        if len(route) == 2 and route[0] == "organization" and parse_id(route[1]) is not None:
            if method == "GET":
                return api.get_organization(parse_id(route[1]), self.headers)
            if method == "PATCH":
                return api.patch_organization(parse_id(route[1]), self.json_body(raw), self.headers)
        raise ApiError(404, {"msg": "Not found"})


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that gave up (timeout, size limit) closes its socket mid-answer; that is expected here.
        if not isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError)):
            super().handle_error(request, client_address)


def split_option(text, count, name):
    parts = text.split(":", count - 1)
    if len(parts) < count - 1:
        raise SystemExit(f"v6server: bad {name} option {text!r}")
    return parts


def build_seed(args):
    seed = {"organizations": [], "collaborations": [], "nodes": [], "users": []}
    for source in ([open(args.seed, encoding="utf-8").read()] if args.seed else []) + \
            ([args.seed_json] if args.seed_json else []):
        for key, values in json.loads(source).items():
            seed.setdefault(key, []).extend(values)
    for text in args.organization:
        ident, name = split_option(text, 2, "--organization")
        seed["organizations"].append({"id": int(ident), "name": name})
    for text in args.node:
        parts = split_option(text, 4, "--node")
        node = {"id": int(parts[0]), "organization": int(parts[1]), "api_key": parts[2]}
        if len(parts) > 3:
            node["name"] = parts[3]
        seed["nodes"].append(node)
    for text in args.user:
        ident, org, username, password = split_option(text, 4, "--user")
        seed["users"].append({"id": int(ident), "organization": int(org), "username": username,
                              "password": password, "edit_own_organization": True})
    return seed


def parse_args():
    parser = argparse.ArgumentParser(description="local vantage6-compatible test server")
    parser.add_argument("--seed", help="JSON seed file")
    parser.add_argument("--seed-json", help="JSON seed text")
    parser.add_argument("--organization", action="append", default=[])
    parser.add_argument("--node", action="append", default=[])
    parser.add_argument("--user", action="append", default=[])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--realm", default="vantage6")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--exit-on-stdin-eof", action="store_true")
    for knob, default in Knobs.DEFAULTS.items():
        parser.add_argument("--" + knob.replace("_", "-"), type=int, default=default)
    return parser.parse_args()


def main():
    args = parse_args()
    knobs = Knobs()
    knobs.update({k: getattr(args, k) for k in Knobs.DEFAULTS})
    server = Server(("127.0.0.1", args.port), Handler)
    server.knobs = knobs
    server.api = Api(World(build_seed(args)), Tokens(knobs), args.realm)
    banner = "listening"
    if args.tls_cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        banner = "listening-tls"
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    if args.exit_on_stdin_eof:
        threading.Thread(target=lambda: (sys.stdin.read(), server.shutdown()), daemon=True).start()
    print(f"{banner} 127.0.0.1 {server.server_address[1]}", flush=True)
    try:
        server.serve_forever(poll_interval=0.05)
    except KeyboardInterrupt:
        pass
    server.server_close()


if __name__ == "__main__":
    main()

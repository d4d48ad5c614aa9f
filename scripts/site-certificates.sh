#!/usr/bin/env bash
# Site certificates for the broker (docs/security.md, "The broker: identities and topics"):
#   scripts/site-certificates.sh IDENTITY_FILE OUT_FOLDER [SERVER_NAME ...]
# writes into OUT_FOLDER
#   ca.pem, ca.key                 the site CA (kept when present: run again to add identities)
#   server.pem, server.key         the broker's certificate, signed by the CA, for SERVER_NAME … (DNS names or IP
#                                  addresses; default: localhost 127.0.0.1)
#   clients/NAME.pem, NAME.key     one client certificate per identity of IDENTITY_FILE (common name = identity name,
#                                  the user name mosquitto takes with use_identity_as_username); kept when present
# Needs openssl and jq. Keys are EC P-256 and readable by their owner only.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 IDENTITY_FILE OUT_FOLDER [SERVER_NAME ...]" >&2
  exit 2
fi
identities=$1
out=$2
shift 2
names=("$@")
[[ ${#names[@]} -gt 0 ]] || names=(localhost 127.0.0.1)
days=${CERTIFICATE_DAYS:-825}

for tool in openssl jq; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is missing (Debian package $tool)" >&2; exit 2; }
done
site=$(jq -er '.site' "$identities") || { echo "$0: $identities has no site" >&2; exit 2; }
mapfile -t clients < <(jq -er '.identities[].name' "$identities")

umask 077
mkdir -p "$out/clients"

if [[ ! -f $out/ca.pem ]]; then
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$out/ca.key" -out "$out/ca.pem" \
    -days "$days" -subj "/O=Cooling/CN=Cooling site CA $site" \
    -addext "basicConstraints=critical,CA:true,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
fi

sign() { # sign NAME KEY CERT EXTENSIONS
  local request
  request=$(mktemp)
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$2" -out "$request" -subj "/O=Cooling/CN=$1" 2>/dev/null
  openssl x509 -req -in "$request" -CA "$out/ca.pem" -CAkey "$out/ca.key" -CAcreateserial -out "$3" -days "$days" -sha256 \
    -extfile <(printf '%s\n' "$4") 2>/dev/null
  rm -f "$request"
}

san=""
for name in "${names[@]}"; do
  if [[ $name =~ ^[0-9.]+$ || $name == *:* ]]; then san+="IP:$name,"; else san+="DNS:$name,"; fi
done
sign "${names[0]}" "$out/server.key" "$out/server.pem" \
  "basicConstraints=CA:false
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=${san%,}"

for client in "${clients[@]}"; do
  [[ $client =~ ^[a-z0-9._-]{1,64}$ ]] || { echo "$0: identity name '$client' is not 1 … 64 of a-z 0-9 . _ -" >&2; exit 2; }
  [[ -f $out/clients/$client.pem ]] && continue
  sign "$client" "$out/clients/$client.key" "$out/clients/$client.pem" \
    "basicConstraints=CA:false
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"
done

# Certificates are public; mosquitto (dropping to its own user) must read the CA, its certificate and its key.
chmod 644 "$out/ca.pem" "$out/server.pem" "$out"/clients/*.pem
chmod 755 "$out" "$out/clients"
echo "site $site: CA $out/ca.pem, server certificate for ${names[*]}, ${#clients[@]} client certificates in $out/clients"

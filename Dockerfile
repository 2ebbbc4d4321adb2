# SIGAP Monitor for the city's IT: the README's two commands in an image, the store and the NIK key on volumes,
# a non-root user, and a healthcheck that runs `python -m sigap_metrics check` (exit 0 healthy, 1 not).
# Build: docker build -t sigap-monitor .        Run and operate: see docs/deploy.md ("Container").
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    SIGAP_DB=/data/sigap.duckdb \
    SIGAP_NIK_KEY_FILE=/secrets/sigap.nik.key \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false

RUN useradd --create-home --uid 10001 --user-group sigap

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt          # the README's first command

COPY app.py ./
COPY pages ./pages
COPY sigap_metrics ./sigap_metrics
COPY .streamlit/config.toml ./.streamlit/config.toml

# The store (and its writer lock, sign-in state, backups' staging) lives on /data, the NIK key on /secrets:
# both are volumes owned by the app's user, readable by it only.
RUN mkdir -p /data /secrets && chown sigap:sigap /data /secrets && chmod 700 /data /secrets
VOLUME ["/data", "/secrets"]
USER sigap

EXPOSE 8501
HEALTHCHECK --interval=5m --timeout=60s --start-period=2m --retries=2 \
    CMD ["python", "-m", "sigap_metrics", "check"]

# The README's second command; TLS is terminated by the reverse proxy in front (docs/deploy.md, section 4).
CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501", "--server.headless=true", \
     "--server.enableCORS=true", "--server.enableXsrfProtection=true"]

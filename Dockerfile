# The relay image (serves the widget and the console too). Used by docker-compose.yml.
FROM node:20-bookworm-slim
WORKDIR /app
ENV CI=true
COPY . .
RUN bash -c 'source scripts/bootstrap.sh && pnpm run --silent build'
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080
EXPOSE 8080
CMD ["node", "--import", "tsx", "apps/relay/src/server.ts"]

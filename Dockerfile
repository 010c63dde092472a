# segflow worker image: compiled TypeScript, production dependencies only.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin bin
COPY src src
COPY workflows workflows
COPY activities activities
COPY sql sql
# npm ci compiles dist/ through the prepare script (needs the dev dependencies), then they go.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev && npm cache clean --force
USER node
ENTRYPOINT ["node", "bin/segflow.js"]
CMD ["worker"]

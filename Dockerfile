# The techmap image: one image for every component (`techmap run <component>`), the gateway with its dashboard, and
# the one-shot `techmap schemas register`. Sources run through tsx, as on a developer machine (no build step).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# The dashboard is built with Vite (a dev dependency) and only its output goes into the final image.
FROM deps AS dashboard
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build dashboard --logLevel warn

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
COPY --from=dashboard /app/dashboard/dist ./dashboard/dist
USER node
EXPOSE 8080 9464
ENTRYPOINT ["node", "bin/techmap.js"]
CMD ["--help"]

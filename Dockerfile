# Fundline: API and built web app on one port. `docker compose up` runs it beside PostgreSQL 16.
FROM node:20-bookworm-slim
WORKDIR /app
RUN npm install -g pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile && pnpm run build
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
EXPOSE 3000
USER node
CMD ["pnpm", "--filter", "@fundline/api", "run", "start"]
